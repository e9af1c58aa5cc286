package dev.imagegate.notation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.trust.Crypto;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * Certificate chain edge cases through the Notary verifier ({@link NotaryVerifier}, the entry point
 * the engine and the CLI use), decided as notation decides (docs/security.md).
 */
class NotaryCryptoEdgeCasesTest {
  private static final Instant NOW = Instant.parse("2025-09-01T00:00:00Z");
  private static final String PAYLOAD =
      "{\"targetArtifact\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"digest\":\"sha256:b8479de3f88fb259a0a9ea82a5b2a052a1ef3c4ebbcfc61482d5ae4c831f8af9\",\"size\":517}}";
  private static final TargetArtifact ARTIFACT =
      new TargetArtifact(
          "registry.example/app@sha256:b8479de3f88fb259a0a9ea82a5b2a052a1ef3c4ebbcfc61482d5ae4c831f8af9",
          new ArtifactDescriptor(
              "application/vnd.oci.image.manifest.v1+json",
              "sha256:b8479de3f88fb259a0a9ea82a5b2a052a1ef3c4ebbcfc61482d5ae4c831f8af9",
              517));

  private record Issued(KeyPair keys, X509Certificate cert) {}

  private static Issued issue(String cn, Issued parent, Instant notAfter, boolean ca)
      throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Crypto.provider());
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    X500Name subject = new X500Name("CN=" + cn + ",O=Notary,ST=WA,C=US");
    X500Name issuer =
        parent == null
            ? subject
            : X500Name.getInstance(parent.cert().getSubjectX500Principal().getEncoded());
    var b =
        new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(cn.hashCode() & 0xffff),
                Date.from(Instant.parse("2024-01-01T00:00:00Z")),
                Date.from(notAfter),
                subject,
                kp.getPublic())
            .addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(ca ? KeyUsage.keyCertSign : KeyUsage.digitalSignature))
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    KeyPair signer = parent == null ? kp : parent.keys();
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(
                    new JcaContentSignerBuilder("SHA256withECDSA")
                        .setProvider(Crypto.provider())
                        .build(signer.getPrivate())));
    return new Issued(kp, cert);
  }

  private static byte[] jws(Issued leaf, List<X509Certificate> x5c) throws Exception {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String prot =
        "{\"alg\":\"ES256\",\"crit\":[\"io.cncf.notary.signingScheme\"],"
            + "\"cty\":\"application/vnd.cncf.notary.payload.v1+json\","
            + "\"io.cncf.notary.signingScheme\":\"notary.x509\",\"io.cncf.notary.signingTime\":\"2025-06-01T00:00:00Z\"}";
    String p = url.encodeToString(prot.getBytes(StandardCharsets.UTF_8));
    String pl = url.encodeToString(PAYLOAD.getBytes(StandardCharsets.UTF_8));
    byte[] sig =
        EnvelopeRulesTest.rawEcdsa(
            new EnvelopeRulesTest.Signer(leaf.keys(), leaf.cert()),
            "SHA256withECDSA",
            (p + "." + pl).getBytes(StandardCharsets.US_ASCII),
            32);
    StringBuilder chain = new StringBuilder();
    for (X509Certificate c : x5c) {
      chain.append(chain.length() == 0 ? "" : ",").append('"');
      chain.append(Base64.getEncoder().encodeToString(c.getEncoded())).append('"');
    }
    return ("{\"payload\":\""
            + pl
            + "\",\"protected\":\""
            + p
            + "\",\"header\":{\"x5c\":["
            + chain
            + "]},\"signature\":\""
            + url.encodeToString(sig)
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static NotaryResult verify(byte[] envelope, X509Certificate trusted) {
    TrustPolicyStatement st =
        new TrustPolicyStatement(
            "t",
            List.of("*"),
            VerificationLevel.STRICT,
            Map.of(),
            TrustPolicyStatement.VerifyTimestamp.ALWAYS,
            List.of(new TrustPolicyStatement.TrustStoreRef(TrustStoreType.CA, "t")),
            List.of("*"),
            false);
    TrustPolicyDocument policy =
        new TrustPolicyDocument(TrustPolicyDocument.Kind.OCI, "1.0", List.of(st));
    TrustStore store = TrustStore.of(Map.of(TrustStoreType.CA, Map.of("t", List.of(trusted))));
    return NotaryVerifier.builder()
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .revocationChecker(RevocationChecker.assumeGood())
        .build()
        .verify(envelope, "application/jose+json", ARTIFACT, policy, store);
  }

  @Test
  void orderedChainVerifies() throws Exception {
    Issued root = issue("root", null, NOW.plusSeconds(86400L * 365), true);
    Issued mid = issue("mid", root, NOW.plusSeconds(86400L * 365), true);
    Issued leaf = issue("leaf", mid, NOW.plusSeconds(86400L * 30), false);
    NotaryResult r = verify(jws(leaf, List.of(leaf.cert(), mid.cert(), root.cert())), root.cert());
    assertThat(r).as(r.toString()).isInstanceOf(NotaryResult.Verified.class);
  }

  /**
   * The Notary specification requires the chain in order, leaf first and root last; notation does
   * not build paths. Unordered chains and chains with a duplicated certificate are refused.
   */
  @Test
  void unorderedOrDuplicateChainIsRefused() throws Exception {
    Issued root = issue("root", null, NOW.plusSeconds(86400L * 365), true);
    Issued mid = issue("mid", root, NOW.plusSeconds(86400L * 365), true);
    Issued leaf = issue("leaf", mid, NOW.plusSeconds(86400L * 30), false);
    for (List<X509Certificate> x5c :
        List.of(
            List.of(leaf.cert(), root.cert(), mid.cert()),
            List.of(leaf.cert(), mid.cert(), mid.cert(), root.cert()),
            List.of(leaf.cert(), leaf.cert(), mid.cert(), root.cert()),
            List.of(leaf.cert(), mid.cert(), root.cert(), root.cert()))) {
      NotaryResult r = verify(jws(leaf, x5c), root.cert());
      assertThat(r).as(r.toString()).isInstanceOf(NotaryResult.Failed.class);
    }
  }

  /** Without a timestamp the whole chain must be valid now: an expired intermediate fails. */
  @Test
  void expiredIntermediateWithoutTimestampIsRefused() throws Exception {
    Issued root = issue("root", null, NOW.plusSeconds(86400L * 365), true);
    Issued mid = issue("mid", root, NOW.minusSeconds(86400L), true);
    Issued leaf = issue("leaf", mid, NOW.minusSeconds(3600), false);
    NotaryResult r = verify(jws(leaf, List.of(leaf.cert(), mid.cert(), root.cert())), root.cert());
    assertThat(r).as(r.toString()).isInstanceOf(NotaryResult.Failed.class);
  }

  /**
   * With an RFC 3161 countersignature from a trusted TSA the chain is checked at the stamped time
   * (notation-go's timestamp verification): an intermediate that expired after signing still
   * verifies; a stamp after its expiry does not.
   */
  @Test
  void expiredIntermediateWithTimestampIsCheckedAtTheStampedTime() throws Exception {
    Issued root = issue("root", null, NOW.plusSeconds(86400L * 365), true);
    Issued mid = issue("mid", root, NOW.minusSeconds(86400L), true);
    Issued leaf = issue("leaf", mid, NOW.minusSeconds(3600), false);
    // Bouncy Castle adds the real signing time to the token's CMS attributes and checks the TSA
    // certificate at it: a TSA valid far beyond the fixed NOW.
    Issued tsaRoot = issue("tsa-root", null, Instant.parse("2099-01-01T00:00:00Z"), true);
    Issued tsa = issueTsa(tsaRoot);
    List<X509Certificate> chain = List.of(leaf.cert(), mid.cert(), root.cert());

    Instant beforeExpiry = NOW.minusSeconds(86400L * 30);
    NotaryResult stamped =
        verifyWithTsa(timestamped(leaf, chain, tsa, beforeExpiry), root.cert(), tsaRoot.cert());
    assertThat(stamped).as(stamped.toString()).isInstanceOf(NotaryResult.Verified.class);

    Instant afterExpiry = NOW.minusSeconds(3600);
    NotaryResult late =
        verifyWithTsa(timestamped(leaf, chain, tsa, afterExpiry), root.cert(), tsaRoot.cert());
    assertThat(late).as(late.toString()).isInstanceOf(NotaryResult.Failed.class);
    assertThat(late.toString()).contains("timestamp can be after certificate");
  }

  private static Issued issueTsa(Issued parent) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Crypto.provider());
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    var b =
        new JcaX509v3CertificateBuilder(
                X500Name.getInstance(parent.cert().getSubjectX500Principal().getEncoded()),
                BigInteger.valueOf(4242),
                Date.from(Instant.parse("2024-01-01T00:00:00Z")),
                Date.from(Instant.parse("2099-01-01T00:00:00Z")),
                new X500Name("CN=tsa,O=Notary,ST=WA,C=US"),
                kp.getPublic())
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
            .addExtension(
                Extension.extendedKeyUsage,
                true,
                new org.bouncycastle.asn1.x509.ExtendedKeyUsage(
                    org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_timeStamping))
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(
                    new JcaContentSignerBuilder("SHA256withECDSA")
                        .setProvider(Crypto.provider())
                        .build(parent.keys().getPrivate())));
    return new Issued(kp, cert);
  }

  /** The JWS of {@link #jws} with an RFC 3161 token over its signature, stamped at {@code at}. */
  private static byte[] timestamped(
      Issued leaf, List<X509Certificate> chain, Issued tsa, Instant at) throws Exception {
    byte[] envelope = jws(leaf, chain);
    var json =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(envelope);
    byte[] signature = Base64.getUrlDecoder().decode(json.path("signature").asText());
    byte[] imprint = java.security.MessageDigest.getInstance("SHA-256").digest(signature);
    var requests = new org.bouncycastle.tsp.TimeStampRequestGenerator();
    requests.setCertReq(true); // as notation asks: the TSA certificate in the token
    var request = requests.generate(org.bouncycastle.tsp.TSPAlgorithms.SHA256, imprint);
    var digests = new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build();
    var signerInfo =
        new org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder(digests)
            .build(
                new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(Crypto.provider())
                    .build(tsa.keys().getPrivate()),
                tsa.cert());
    var generator =
        new org.bouncycastle.tsp.TimeStampTokenGenerator(
            signerInfo,
            // SHA-256 ESSCertIDv2 (SigningCertificateV2), which notation requires
            digests.get(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256)),
            new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.3.4"),
            true); // ESSCertIDv2 with issuer and serial, as TSAs write it
    generator.addCertificates(new org.bouncycastle.cert.jcajce.JcaCertStore(List.of(tsa.cert())));
    byte[] token = generator.generate(request, BigInteger.ONE, Date.from(at)).getEncoded();
    ((com.fasterxml.jackson.databind.node.ObjectNode) json.path("header"))
        .put("io.cncf.notary.timestampSignature", Base64.getEncoder().encodeToString(token));
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static NotaryResult verifyWithTsa(
      byte[] envelope, X509Certificate trusted, X509Certificate tsaRoot) {
    TrustPolicyStatement st =
        new TrustPolicyStatement(
            "t",
            List.of("*"),
            VerificationLevel.STRICT,
            Map.of(),
            TrustPolicyStatement.VerifyTimestamp.ALWAYS,
            List.of(
                new TrustPolicyStatement.TrustStoreRef(TrustStoreType.CA, "t"),
                new TrustPolicyStatement.TrustStoreRef(TrustStoreType.TSA, "t")),
            List.of("*"),
            false);
    TrustPolicyDocument policy =
        new TrustPolicyDocument(TrustPolicyDocument.Kind.OCI, "1.0", List.of(st));
    TrustStore store =
        TrustStore.of(
            Map.of(
                TrustStoreType.CA,
                Map.of("t", List.of(trusted)),
                TrustStoreType.TSA,
                Map.of("t", List.of(tsaRoot))));
    return NotaryVerifier.builder()
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .revocationChecker(RevocationChecker.assumeGood())
        .build()
        .verify(envelope, "application/jose+json", ARTIFACT, policy, store);
  }
}
