package dev.imagegate.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegate.trust.Certificates;
import dev.imagegate.trust.Pem;
import dev.imagegate.trust.TrustMaterialException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * Certificate edge cases through the Sigstore certificate check ({@link CertificateVerifier}, what
 * cosign keyless verification and bundles use) and the one certificate parser of the project
 * ({@link Certificates#parse}). Each decided as cosign (Go's crypto/x509) decides, or stricter;
 * docs/security.md lists the decisions.
 */
class CertificateEdgeCasesTest {
  private static final Instant SIGNED = Instant.parse("2025-06-01T00:00:00Z");
  private static final Instant INTERMEDIATE_EXPIRED = Instant.parse("2025-07-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2025-09-01T00:00:00Z");
  private static final List<CertificateIdentity> IDENTITY =
      List.of(CertificateIdentity.exact("dev@example.com", "https://issuer.example"));

  private record Issued(KeyPair keys, X509Certificate cert) {}

  private static KeyPair keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static Issued ca(String name, Issued parent, Instant notAfter, BigInteger serial)
      throws Exception {
    KeyPair kp = keys();
    X500Name subject = new X500Name("CN=" + name);
    var b =
        new JcaX509v3CertificateBuilder(
                parent == null
                    ? subject
                    : new X500Name(parent.cert().getSubjectX500Principal().getName()),
                serial,
                Date.from(Instant.parse("2024-01-01T00:00:00Z")),
                Date.from(notAfter),
                subject,
                kp.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
            .addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    KeyPair signer = parent == null ? kp : parent.keys();
    return new Issued(
        kp,
        convert(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()))));
  }

  private static Issued leaf(Issued parent, BigInteger serial) throws Exception {
    KeyPair kp = keys();
    var b =
        new JcaX509v3CertificateBuilder(
                new X500Name(parent.cert().getSubjectX500Principal().getName()),
                serial,
                Date.from(Instant.parse("2025-05-31T23:55:00Z")),
                Date.from(Instant.parse("2025-06-01T00:05:00Z")),
                new X500Name(""),
                kp.getPublic())
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
            .addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning))
            .addExtension(
                Extension.subjectAlternativeName,
                true,
                new GeneralNames(new GeneralName(GeneralName.rfc822Name, "dev@example.com")))
            .addExtension(
                new ASN1ObjectIdentifier(FulcioCertificate.ISSUER_V1),
                false,
                "https://issuer.example".getBytes(StandardCharsets.UTF_8));
    return new Issued(
        kp,
        convert(
            b.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(parent.keys().getPrivate()))));
  }

  /** Through the project's parser, as every certificate from a registry or a file is read. */
  private static X509Certificate convert(org.bouncycastle.cert.X509CertificateHolder h)
      throws Exception {
    return Certificates.parse(h.getEncoded());
  }

  private static TrustedRoot rootOnly(Issued root) throws Exception {
    return TrustedRoot.fromLegacyPem(
        Pem.encode("CERTIFICATE", root.cert().getEncoded()), null, null, null, null);
  }

  private static Check<VerifiedCertificate> verify(
      Issued leaf, List<X509Certificate> hints, TrustedRoot trust, Instant at) {
    return CertificateVerifier.verify(leaf.cert(), hints, trust, IDENTITY, at);
  }

  /**
   * RFC 5280 serials are positive; Go (1.23+, so cosign and notation) refuses a certificate with a
   * negative serial, and so does imagegate's parser, wherever the certificate comes from.
   */
  @Test
  void negativeSerialIsRefused() throws Exception {
    Issued root = ca("root", null, NOW.plusSeconds(86400 * 365), BigInteger.ONE);
    var holder =
        new JcaX509v3CertificateBuilder(
                new X500Name("CN=neg"),
                BigInteger.valueOf(-42),
                Date.from(Instant.parse("2024-01-01T00:00:00Z")),
                Date.from(NOW),
                new X500Name("CN=neg"),
                root.keys().getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(root.keys().getPrivate()));
    assertThatThrownBy(() -> Certificates.parse(holder.getEncoded()))
        .isInstanceOf(TrustMaterialException.class)
        .hasMessageContaining("negative serial");
    assertThatThrownBy(() -> Certificates.parsePem(Pem.encode("CERTIFICATE", holder.getEncoded())))
        .isInstanceOf(TrustMaterialException.class);
  }

  /**
   * Serials longer than RFC 5280's 20 octets are accepted, as Go accepts them (the whole
   * certificate is bounded by the parsers' size limits); a zero serial too (Go accepts it).
   */
  @Test
  void oversizedAndZeroSerialsAreAcceptedAsGoDoes() throws Exception {
    Issued root = ca("root", null, NOW.plusSeconds(86400 * 365), BigInteger.TWO.pow(400));
    Issued leaf = leaf(root, BigInteger.ZERO);
    assertThat(root.cert().getSerialNumber().toByteArray().length).isGreaterThan(20);
    assertThat(verify(leaf, List.of(), rootOnly(root), SIGNED).isPassed()).isTrue();
  }

  /**
   * Chain hints (cosign's chain annotation, a bundle's chain) form a pool: order does not matter
   * and duplicates are harmless, as with Go's x509 intermediates pool; a root among them is never
   * trusted.
   */
  @Test
  void duplicateAndUnorderedChainHintsBuildThePath() throws Exception {
    Issued root = ca("root", null, NOW.plusSeconds(86400 * 365), BigInteger.ONE);
    Issued mid1 = ca("mid1", root, NOW.plusSeconds(86400 * 365), BigInteger.TWO);
    Issued mid2 = ca("mid2", mid1, NOW.plusSeconds(86400 * 365), BigInteger.TEN);
    Issued leaf = leaf(mid2, BigInteger.valueOf(99));
    TrustedRoot trust = rootOnly(root);
    for (List<X509Certificate> hints :
        List.of(
            List.of(mid2.cert(), mid1.cert()),
            List.of(mid1.cert(), mid2.cert()),
            List.of(mid1.cert(), mid1.cert(), mid2.cert(), mid2.cert()),
            List.of(root.cert(), mid1.cert(), leaf.cert(), mid2.cert()))) {
      Check<VerifiedCertificate> r = verify(leaf, hints, trust, SIGNED);
      assertThat(r.isPassed()).as(r.reasons().toString()).isTrue();
      assertThat(((Check.Passed<VerifiedCertificate>) r).value().path())
          .containsExactly(leaf.cert(), mid2.cert(), mid1.cert(), root.cert());
    }
    assertThat(verify(leaf, List.of(mid2.cert()), trust, SIGNED).isPassed()).isFalse();
    Issued otherRoot = ca("root", null, NOW.plusSeconds(86400 * 365), BigInteger.ONE);
    assertThat(
            verify(
                    leaf,
                    List.of(mid2.cert(), mid1.cert(), otherRoot.cert()),
                    rootOnly(otherRoot),
                    SIGNED)
                .isPassed())
        .isFalse();
  }

  /**
   * An intermediate that expired after the signature: valid with a trusted signing time inside its
   * validity (a verified SET or RFC 3161 time, as cosign checks at the observer time), refused at
   * the current time (what is checked when there is no trusted time).
   */
  @Test
  void expiredIntermediateWithAndWithoutTrustedTime() throws Exception {
    Issued root = ca("root", null, NOW.plusSeconds(86400 * 365), BigInteger.ONE);
    Issued mid = ca("mid", root, INTERMEDIATE_EXPIRED, BigInteger.TWO);
    Issued leaf = leaf(mid, BigInteger.valueOf(7));
    TrustedRoot trust = rootOnly(root);
    assertThat(verify(leaf, List.of(mid.cert()), trust, SIGNED).isPassed()).isTrue();
    Check<VerifiedCertificate> now = verify(leaf, List.of(mid.cert()), trust, NOW);
    assertThat(now.isPassed()).isFalse();
    assertThat(String.join(" ", now.reasons())).contains("CN=mid").contains("not valid at");
    // Every trusted time must be inside every validity period (SET and TSA both checked).
    assertThat(
            CertificateVerifier.verify(
                    leaf.cert(), List.of(mid.cert()), trust, IDENTITY, List.of(SIGNED, NOW))
                .isPassed())
        .isFalse();
  }
}
