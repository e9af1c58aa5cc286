package dev.imagegate.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Signatures made with the JDK's providers verify with imagegate's lightweight verifier, and
 * nothing else does.
 */
class SignaturesTest {
  private static final byte[] DATA = "payload".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "EC,secp256r1,SHA256withECDSA,SHA256",
    "EC,secp384r1,SHA384withECDSA,SHA384",
    "EC,secp521r1,SHA512withECDSA,SHA512",
    "RSA,2048,SHA256withRSA,SHA256",
    "Ed25519,,Ed25519,SHA256"
  })
  void verifiesWhatTheJdkSigned(String alg, String param, String jca, SignatureAlgorithm hash)
      throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
    if (alg.equals("EC")) {
      g.initialize(new ECGenParameterSpec(param));
    } else if (alg.equals("RSA")) {
      g.initialize(Integer.parseInt(param));
    }
    KeyPair kp = g.generateKeyPair();
    Signature s = Signature.getInstance(jca);
    s.initSign(kp.getPrivate());
    s.update(DATA);
    byte[] sig = s.sign();
    var pub = PublicKeys.parse(Pem.encode("PUBLIC KEY", kp.getPublic().getEncoded()));
    assertThat(Signatures.verify(pub, hash, DATA, sig)).isTrue();
    assertThat(Signatures.verify(pub, hash, "other".getBytes(StandardCharsets.UTF_8), sig))
        .isFalse();
    byte[] tampered = sig.clone();
    tampered[tampered.length / 2] ^= 1;
    assertThat(Signatures.verify(pub, hash, DATA, tampered)).isFalse();
    assertThat(Signatures.verify(pub, hash, DATA, new byte[0])).isFalse();
    assertThat(Signatures.verify(pub, hash, DATA, new byte[] {0x30, 0x01})).isFalse();
  }

  @Test
  void ecdsaWithTrailingGarbageIsRejected() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(kp.getPrivate());
    s.update(DATA);
    byte[] sig = s.sign();
    byte[] longer = java.util.Arrays.copyOf(sig, sig.length + 1);
    assertThat(Signatures.verify(kp.getPublic(), SignatureAlgorithm.SHA256, DATA, longer))
        .isFalse();
  }

  @Test
  void privateKeysAndGarbageAreConfigurationErrors() {
    assertThatThrownBy(
            () ->
                PublicKeys.parseAll(
                    "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----"))
        .isInstanceOf(TrustMaterialException.class)
        .hasMessageContaining("private key");
    assertThatThrownBy(() -> PublicKeys.parseAll("hello"))
        .hasMessageContaining("no PEM public key");
    assertThatThrownBy(() -> SignatureAlgorithm.fromKyverno("md5")).hasMessageContaining("md5");
  }

  @Test
  void ecPointOffTheCurveIsRejectedAtLoadTime() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    byte[] der = g.generateKeyPair().getPublic().getEncoded();
    der[der.length - 1] ^= 1; // last byte of the point's y coordinate: the point leaves the curve
    assertThatThrownBy(() -> PublicKeys.fromSpki(der)).isInstanceOf(TrustMaterialException.class);
  }

  @Test
  void pemToleratesCommentLinesUsersPasteIntoPolicies() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    String pem =
        Pem.encode("PUBLIC KEY", g.generateKeyPair().getPublic().getEncoded())
            .replace("-----\n", "-----\n# Paste the cosign.pub content here\n");
    assertThat(PublicKeys.parseAll(pem)).hasSize(1);
  }

  @Test
  void daePreAuthenticationEncoding() {
    assertThat(
            new String(
                Dsse.pae(
                    "http://example.com/HelloWorld",
                    "hello world".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }
}
