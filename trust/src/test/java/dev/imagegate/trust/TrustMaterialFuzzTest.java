package dev.imagegate.trust;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;

/**
 * PEM public keys and certificates (cosign {@code --key}, signature annotations carrying a
 * certificate and chain, Kyverno {@code keys}/{@code certs}) and raw DER: any input is read or
 * refused with {@link TrustMaterialException}, never another exception.
 */
class TrustMaterialFuzzTest {
  @FuzzTest
  void pemAndDer(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      for (PublicKey key : PublicKeys.parseAll(text)) {
        PublicKeys.describe(key);
        PublicKeys.sha256Hex(key);
      }
    } catch (TrustMaterialException expected) {
      // refused cleanly
    }
    try {
      for (X509Certificate cert : Certificates.parsePem(text)) {
        Certificates.sha256Fingerprint(cert);
        PublicKeys.describe(cert.getPublicKey());
      }
    } catch (TrustMaterialException expected) {
      // refused cleanly
    }
    try {
      PublicKeys.fromSpki(input);
    } catch (TrustMaterialException expected) {
      // refused cleanly
    }
    try {
      Certificates.parse(input);
    } catch (TrustMaterialException expected) {
      // refused cleanly
    }
  }
}
