package dev.imagegate.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * Bundle parsing details found with sigstore-js bundles signed against {@code @sigstore/mock}
 * ({@code KeylessMockInteropTest} in the CLI): proto3 JSON omits zero-valued fields, and the mock
 * Fulcio writes a URI SAN without a scheme, which the JDK's certificate parser refuses and Go and
 * sigstore-js accept.
 */
class BundleParsingTest {
  private static final String MANAGED_KEY =
      "conformance/bundle-verify/managed-key-happy-path/bundle.sigstore.json";

  private static ObjectNode bundle() throws Exception {
    return (ObjectNode) Vectors.JSON.readTree(Vectors.bytes(MANAGED_KEY));
  }

  private static ObjectNode entry(ObjectNode bundle) {
    return (ObjectNode) bundle.get("verificationMaterial").get("tlogEntries").get(0);
  }

  @Test
  void omittedLogIndexesAreZeroAsInProto3Json() throws Exception {
    ObjectNode json = bundle();
    entry(json).remove("logIndex");
    ((ObjectNode) entry(json).get("inclusionProof")).remove("logIndex");
    SigstoreBundle b = SigstoreBundle.parse(Vectors.JSON.writeValueAsBytes(json));
    assertThat(b.tlogEntries().get(0).logIndex()).isZero();
    assertThat(b.tlogEntries().get(0).inclusionProof().logIndex()).isZero();
  }

  @Test
  void aProofIndexOutsideTheTreeIsMalformed() throws Exception {
    ObjectNode json = bundle();
    ObjectNode proof = (ObjectNode) entry(json).get("inclusionProof");
    proof.put("logIndex", "5");
    proof.put("treeSize", "5");
    assertThatThrownBy(() -> SigstoreBundle.parse(Vectors.JSON.writeValueAsBytes(json)))
        .isInstanceOf(BundleFormatException.class)
        .hasMessage(
            "tlogEntries[0].inclusionProof has an invalid logIndex/treeSize (5/5): the index must lie in the tree");
    proof.remove("treeSize");
    assertThatThrownBy(() -> SigstoreBundle.parse(Vectors.JSON.writeValueAsBytes(json)))
        .hasMessageContaining("invalid logIndex/treeSize (5/0)");
  }

  @Test
  void aUriSanWithoutSchemeIsReadAsGoReadsIt() throws Exception {
    byte[] der = certificateWithUriSan("signer@example.test");
    assertThatThrownBy(
            () ->
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)))
        .as("precondition: the JDK parser refuses this certificate")
        .isInstanceOf(CertificateException.class);
    ObjectNode json = bundle();
    ObjectNode vm = (ObjectNode) json.get("verificationMaterial");
    vm.remove("publicKey");
    vm.putObject("certificate").put("rawBytes", Base64.getEncoder().encodeToString(der));
    SigstoreBundle b = SigstoreBundle.parse(Vectors.JSON.writeValueAsBytes(json));
    assertThat(b.certificates().get(0).getEncoded()).isEqualTo(der);
    assertThat(FulcioCertificate.of(b.certificates().get(0)).subjectAlternativeNames())
        .containsExactly("signer@example.test");
  }

  @Test
  void bytesThatAreNoCertificateStillFail() throws Exception {
    ObjectNode json = bundle();
    ObjectNode vm = (ObjectNode) json.get("verificationMaterial");
    vm.remove("publicKey");
    vm.putObject("certificate")
        .put(
            "rawBytes",
            Base64.getEncoder().encodeToString(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}));
    assertThatThrownBy(() -> SigstoreBundle.parse(Vectors.JSON.writeValueAsBytes(json)))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageStartingWith(
            "verificationMaterial.certificate is not a valid X.509 certificate: ");
  }

  /**
   * A self-signed P-256 certificate whose critical SAN is one URI (the shape of the mock Fulcio's
   * leaves).
   */
  private static byte[] certificateWithUriSan(String uri) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    X500Name name = new X500Name("CN=uri-san");
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    var builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.ONE,
            Date.from(now),
            Date.from(now.plusSeconds(600)),
            name,
            kp.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        true,
        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
    return builder
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()))
        .getEncoded();
  }
}
