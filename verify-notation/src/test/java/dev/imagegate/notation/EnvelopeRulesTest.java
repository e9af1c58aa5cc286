package dev.imagegate.notation;

import static org.assertj.core.api.Assertions.assertThat;

import com.upokecenter.cbor.CBORObject;
import dev.imagegate.trust.Crypto;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ECDSA envelopes (no static ECDSA Notary envelope exists upstream, so they are built here with
 * keys generated at test time) and the signed-attribute rules: crit, signing scheme, algorithm and
 * key match.
 */
class EnvelopeRulesTest {
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

  record Signer(KeyPair keys, X509Certificate cert) {}

  static Signer selfSigned(String curve, String sigAlg) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Crypto.provider());
    g.initialize(new ECGenParameterSpec(curve));
    KeyPair kp = g.generateKeyPair();
    X500Name name = new X500Name("CN=ecdsa-test,O=Notary,ST=WA,C=US");
    var builder =
        new JcaX509v3CertificateBuilder(
                name,
                BigInteger.ONE,
                Date.from(Instant.parse("2020-01-01T00:00:00Z")),
                Date.from(Instant.parse("2100-01-01T00:00:00Z")),
                name,
                kp.getPublic())
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
            .addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder(sigAlg)
                        .setProvider(Crypto.provider())
                        .build(kp.getPrivate())));
    return new Signer(kp, cert);
  }

  static byte[] rawEcdsa(Signer s, String jcaAlg, byte[] input, int half) throws Exception {
    Signature sig = Signature.getInstance(jcaAlg, Crypto.provider());
    sig.initSign(s.keys().getPrivate());
    sig.update(input);
    ASN1Sequence seq = ASN1Sequence.getInstance(sig.sign());
    byte[] out = new byte[2 * half];
    for (int i = 0; i < 2; i++) {
      byte[] v = ASN1Integer.getInstance(seq.getObjectAt(i)).getPositiveValue().toByteArray();
      int start = v.length > half ? v.length - half : 0;
      System.arraycopy(v, start, out, (i + 1) * half - (v.length - start), v.length - start);
    }
    return out;
  }

  static byte[] jws(Signer s, String alg, String jcaAlg, int half, String protectedJson)
      throws Exception {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String p = url.encodeToString(protectedJson.getBytes(StandardCharsets.UTF_8));
    String pl = url.encodeToString(PAYLOAD.getBytes(StandardCharsets.UTF_8));
    byte[] sig = rawEcdsa(s, jcaAlg, (p + "." + pl).getBytes(StandardCharsets.US_ASCII), half);
    return ("{\"payload\":\""
            + pl
            + "\",\"protected\":\""
            + p
            + "\",\"header\":{\"x5c\":[\""
            + Base64.getEncoder().encodeToString(s.cert().getEncoded())
            + "\"]},\"signature\":\""
            + url.encodeToString(sig)
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] cose(Signer s, int alg, String jcaAlg, int half, boolean extraCritical)
      throws Exception {
    CBORObject prot = CBORObject.NewMap();
    prot.Add(1, alg);
    CBORObject crit = CBORObject.NewArray().Add("io.cncf.notary.signingScheme");
    if (extraCritical) {
      crit.Add("io.example.unknown");
      prot.Add("io.example.unknown", "x");
    }
    prot.Add(2, crit);
    prot.Add(3, "application/vnd.cncf.notary.payload.v1+json");
    prot.Add("io.cncf.notary.signingScheme", "notary.x509");
    prot.Add("io.cncf.notary.signingTime", CBORObject.FromObjectAndTag(1_700_000_000L, 1));
    byte[] protBytes = prot.EncodeToBytes();
    byte[] payload = PAYLOAD.getBytes(StandardCharsets.UTF_8);
    byte[] toSign =
        CBORObject.NewArray()
            .Add("Signature1")
            .Add(protBytes)
            .Add(new byte[0])
            .Add(payload)
            .EncodeToBytes();
    CBORObject unprot =
        CBORObject.NewMap().Add(33, CBORObject.NewArray().Add(s.cert().getEncoded()));
    CBORObject msg =
        CBORObject.NewArray()
            .Add(protBytes)
            .Add(unprot)
            .Add(payload)
            .Add(rawEcdsa(s, jcaAlg, toSign, half));
    return CBORObject.FromObjectAndTag(msg, 18).EncodeToBytes();
  }

  private static NotaryResult verify(byte[] envelope, String mediaType, X509Certificate trusted) {
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
        .clock(Vectors.CLOCK)
        .revocationChecker(RevocationChecker.assumeGood())
        .build()
        .verify(envelope, mediaType, ARTIFACT, policy, store);
  }

  private static final String SIGNED =
      "\"cty\":\"application/vnd.cncf.notary.payload.v1+json\","
          + "\"io.cncf.notary.signingScheme\":\"notary.x509\",\"io.cncf.notary.signingTime\":\"2023-11-14T22:13:20Z\"";

  @ParameterizedTest(name = "JWS {0}: {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ES256|secp256r1|SHA256withECDSA|32|valid|[\"io.cncf.notary.signingScheme\"]|",
        "ES384|secp384r1|SHA384withECDSA|48|valid|[\"io.cncf.notary.signingScheme\"]|",
        "ES512|secp521r1|SHA512withECDSA|66|valid|[\"io.cncf.notary.signingScheme\"]|",
        "ES384|secp256r1|SHA256withECDSA|32|integrity|[\"io.cncf.notary.signingScheme\"]|",
        "ES256|secp256r1|SHA256withECDSA|32|integrity|[]|",
        "ES256|secp256r1|SHA256withECDSA|32|integrity|[\"io.cncf.notary.signingScheme\",\"io.example.x\"]|,\"io.example.x\":1",
        "ES256|secp256r1|SHA256withECDSA|32|integrity|[\"io.cncf.notary.signingScheme\",\"io.example.absent\"]|",
        "ES256|secp256r1|SHA256withECDSA|32|integrity|[\"alg\",\"io.cncf.notary.signingScheme\"]|",
      })
  void jwsRules(
      String alg, String curve, String jcaAlg, int half, String expect, String crit, String extra)
      throws Exception {
    Signer s = selfSigned(curve, jcaAlg);
    String prot =
        "{\"alg\":\""
            + alg
            + "\",\"crit\":"
            + crit
            + ","
            + SIGNED
            + (extra == null ? "" : extra)
            + "}";
    NotaryResult r = verify(jws(s, alg, jcaAlg, half, prot), "application/jose+json", s.cert());
    if (expect.equals("valid")) {
      assertThat(r).as(r.toString()).isInstanceOf(NotaryResult.Verified.class);
    } else {
      assertThat(r)
          .isInstanceOfSatisfying(
              NotaryResult.Failed.class,
              f -> assertThat(f.step()).isEqualTo(VerificationStep.INTEGRITY));
    }
  }

  @ParameterizedTest(name = "COSE {0} unknownCritical={4}")
  @CsvSource({
    "-7,secp256r1,SHA256withECDSA,32,false",
    "-35,secp384r1,SHA384withECDSA,48,false",
    "-36,secp521r1,SHA512withECDSA,66,false",
    "-7,secp256r1,SHA256withECDSA,32,true"
  })
  void coseEcdsa(int alg, String curve, String jcaAlg, int half, boolean unknownCritical)
      throws Exception {
    Signer s = selfSigned(curve, jcaAlg);
    NotaryResult r =
        verify(cose(s, alg, jcaAlg, half, unknownCritical), "application/cose", s.cert());
    if (unknownCritical) {
      assertThat(r)
          .isInstanceOfSatisfying(
              NotaryResult.Failed.class,
              f -> assertThat(f.reason()).contains("io.example.unknown"));
    } else {
      assertThat(r).as(r.toString()).isInstanceOf(NotaryResult.Verified.class);
    }
  }

  @ParameterizedTest(name = "inspect {0}")
  @CsvSource({
    "notation-go/envelopes/timestamp/jwsWithTimestamp.sig,application/jose+json",
    "notation-go/envelopes/timestamp/coseWithTimestamp.sig,application/cose"
  })
  void inspectDescribesTheEnvelope(String file, String mediaType) {
    SignatureInspection.Outcome o = SignatureInspection.inspect(Vectors.bytes(file), mediaType);
    assertThat(o)
        .isInstanceOfSatisfying(
            SignatureInspection.Outcome.Inspected.class,
            i -> {
              SignatureInspection in = i.inspection();
              assertThat(in.signatureAlgorithm()).isEqualTo("RSASSA-PSS-SHA-256");
              assertThat(in.signedAttributes())
                  .containsEntry("signingScheme", "notary.x509")
                  .containsKey("signingTime");
              assertThat(in.certificates())
                  .singleElement()
                  .satisfies(
                      c -> {
                        assertThat(c.sha256Fingerprint()).hasSize(64);
                        assertThat(c.issuedTo()).isEqualTo(c.issuedBy());
                      });
              assertThat(in.timestamp()).isNotNull();
              assertThat(in.timestamp().error()).isNull();
              assertThat(in.signedArtifact().size()).isEqualTo(528);
            });
  }
}
