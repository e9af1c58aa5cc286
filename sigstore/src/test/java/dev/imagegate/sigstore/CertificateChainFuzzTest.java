package dev.imagegate.sigstore;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.imagegate.trust.Certificates;
import dev.imagegate.trust.TrustMaterialException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A certificate and chain from a signature (cosign's certificate and chain annotations, a bundle's
 * verification material) are attacker-chosen: parsing, Fulcio extension reading and chain building
 * against the public-good root give a result or a failed check, never an exception.
 */
class CertificateChainFuzzTest {
  private static final TrustedRoot ROOT = TrustedRoot.publicGood();
  private static final List<CertificateIdentity> ANY =
      List.of(CertificateIdentity.regExp(".*", ".*"));

  @FuzzTest
  void chain(byte[] input) {
    List<X509Certificate> certs;
    try {
      certs = Certificates.parsePem(new String(input, StandardCharsets.UTF_8));
    } catch (TrustMaterialException expected) {
      return;
    }
    X509Certificate leaf = certs.get(0);
    FulcioCertificate f = FulcioCertificate.of(leaf);
    f.subjectAlternativeNames();
    f.issuer();
    for (String name : FulcioCertificate.EXTENSION_NAMES.keySet()) {
      f.extension(name);
    }
    CertificateVerifier.verify(
        leaf,
        certs.subList(1, certs.size()),
        ROOT,
        ANY,
        List.of(leaf.getNotBefore().toInstant(), Instant.parse("2025-01-01T00:00:00Z")));
  }
}
