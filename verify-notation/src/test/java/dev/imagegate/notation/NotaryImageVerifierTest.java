package dev.imagegate.notation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.notation.NotaryImageVerifier.Mode;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.oci.OciLayoutWriter;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.VerifiedAttestation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery and verification over OCI layouts: the notation e2e layouts (legacy-form signatures,
 * referrers tag), and layouts written here with ES256 signatures and attestation referrers signed
 * in turn.
 */
class NotaryImageVerifierTest {
  private static OciClient client;
  private static NotaryImageVerifier verifier;

  @BeforeAll
  static void setUp() {
    client = OciClient.create(OciClientConfig.defaults());
    verifier =
        NotaryImageVerifier.builder(client)
            .verifier(
                NotaryVerifier.builder()
                    .clock(Vectors.CLOCK)
                    .revocationChecker(RevocationChecker.assumeGood())
                    .build())
            .build();
  }

  @AfterAll
  static void tearDown() {
    client.close();
  }

  private static NotaryTrust e2eTrust(String policy, String store) {
    return new NotaryTrust(
        TrustPolicyDocument.read(
            Vectors.file("notation-e2e/trustpolicies/" + policy), TrustPolicyDocument.Kind.OCI),
        TrustStore.directory(Vectors.file("notation-e2e/truststores/" + store)));
  }

  private static NotaryImageReport verifyE2e(
      String layout, NotaryTrust trust, Mode mode, NotaryImageVerifier v) throws Exception {
    ImageReference ref =
        ImageReference.parse(
            "oci-layout:" + Vectors.file("notation-e2e/oci-layout/" + layout) + ":v1");
    return v.verify(ref, client.resolve(ref), trust, mode, new PhaseTimings());
  }

  private static NotaryImageReport verifyE2e(String layout, NotaryTrust trust) throws Exception {
    return verifyE2e(layout, trust, Mode.FIRST_VALID, verifier);
  }

  @Test
  void legacyFormSignatureThroughReferrersTagVerifies() throws Exception {
    NotaryImageReport r = verifyE2e("e2e-valid-signature", e2eTrust("trustpolicy.json", "base"));
    assertThat(r.outcome()).isInstanceOf(Outcome.Verified.class);
    Outcome.Verified v = (Outcome.Verified) r.outcome();
    assertThat(v.proof().verifier()).isEqualTo("notary");
    assertThat(v.proof().digest().toString())
        .isEqualTo("sha256:b8479de3f88fb259a0a9ea82a5b2a052a1ef3c4ebbcfc61482d5ae4c831f8af9");
    assertThat(v.proof().signers())
        .singleElement()
        .asString()
        .contains("CN=e2e")
        .contains("trust policy \"e2e\"");
    assertThat(r.checks()).hasSize(1);
    assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.verified()).isTrue());
  }

  @Test
  void unsignedArtifactNamesTheImage() throws Exception {
    NotaryImageReport r = verifyE2e("e2e", e2eTrust("trustpolicy.json", "base"));
    Outcome.Denied d = (Outcome.Denied) r.outcome();
    assertThat(d.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(Failure.Code.NO_SIGNATURES);
              assertThat(f.message())
                  .startsWith("no signature is associated with \"oci-layout:")
                  .endsWith(
                      "@sha256:b8479de3f88fb259a0a9ea82a5b2a052a1ef3c4ebbcfc61482d5ae4c831f8af9\", make sure the image was signed successfully");
            });
  }

  @Test
  void expiredSignatureIsDeniedAtExpiry() throws Exception {
    NotaryImageReport r = verifyE2e("e2e-expired-signature", e2eTrust("trustpolicy.json", "base"));
    Outcome.Denied d = (Outcome.Denied) r.outcome();
    assertThat(d.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(Failure.Code.EXPIRED);
              assertThat(f.message())
                  .contains("failed to verify signature with digest sha256:")
                  .contains("expiry validation failed");
            });
  }

  @Test
  void envelopeOfUnknownMediaTypeFailsIntegrity() throws Exception {
    NotaryImageReport r = verifyE2e("e2e-invalid-signature", e2eTrust("trustpolicy.json", "base"));
    Outcome.Denied d = (Outcome.Denied) r.outcome();
    assertThat(d.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(Failure.Code.BAD_SIGNATURE);
              assertThat(f.message())
                  .contains("integrity validation failed")
                  .contains("application/vnd.oci.image.layer.v1.tar");
            });
  }

  @Test
  void untrustedSignerFailsAuthenticity() throws Exception {
    NotaryImageReport r = verifyE2e("e2e-valid-signature", e2eTrust("trustpolicy.json", "new"));
    assertThat(((Outcome.Denied) r.outcome()).failures())
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("authenticity validation failed"));
  }

  @Test
  void skipLevelVerifiesWithoutFetching() throws Exception {
    NotaryImageReport r = verifyE2e("e2e", e2eTrust("skip_trustpolicy.json", "base"));
    assertThat(r.outcome()).isInstanceOf(Outcome.Verified.class);
    assertThat(r.checks())
        .singleElement()
        .satisfies(c -> assertThat(c.result()).isInstanceOf(NotaryResult.Skipped.class));
  }

  @Test
  void firstValidStopsAllVerifiesEvery() throws Exception {
    NotaryTrust both = e2eTrust("trustpolicy.json", "base");
    NotaryImageReport first = verifyE2e("e2e-valid-multiple-signatures", both);
    NotaryImageReport all = verifyE2e("e2e-valid-multiple-signatures", both, Mode.ALL, verifier);
    assertThat(first.outcome().verified()).isTrue();
    assertThat(first.checks()).hasSize(1);
    assertThat(all.checks()).hasSize(2);
  }

  @Test
  void attemptLimitIsReported(@TempDir Path dir) throws Exception {
    EnvelopeRulesTest.Signer untrusted =
        EnvelopeRulesTest.selfSigned("secp256r1", "SHA256withECDSA");
    LayoutSigner w = new LayoutSigner(OciLayoutWriter.create(dir), untrusted);
    Descriptor image = w.image("v1", "a");
    w.sign(image);
    w.sign(image);
    NotaryImageVerifier limited =
        NotaryImageVerifier.builder(client)
            .verifier(
                NotaryVerifier.builder()
                    .clock(Vectors.CLOCK)
                    .revocationChecker(RevocationChecker.assumeGood())
                    .build())
            .maxSignatureAttempts(1)
            .build();
    ImageReference ref = ImageReference.parse("oci-layout:" + dir + ":v1");
    NotaryImageReport r =
        limited.verify(
            ref,
            image.digest(),
            e2eTrust("trustpolicy.json", "base"),
            Mode.FIRST_VALID,
            new PhaseTimings());
    assertThat(r.checks()).hasSize(1);
    assertThat(((Outcome.Denied) r.outcome()).reason())
        .contains(
            "signature evaluation stopped. The configured limit of 1 signatures to verify per artifact exceeded");
  }

  @Test
  void attestationsAreVerifiedBySignaturesOfTheReferrer(@TempDir Path dir) throws Exception {
    EnvelopeRulesTest.Signer signer = EnvelopeRulesTest.selfSigned("secp256r1", "SHA256withECDSA");
    EnvelopeRulesTest.Signer other = EnvelopeRulesTest.selfSigned("secp256r1", "SHA256withECDSA");
    OciLayoutWriter layout = OciLayoutWriter.create(dir);
    LayoutSigner w = new LayoutSigner(layout, signer);
    Descriptor image = w.image("v1", "b");
    w.sign(image);
    Descriptor sbom =
        w.attach(
            image,
            "sbom/cyclone-dx",
            "{\"bomFormat\":\"CycloneDX\",\"n\":1}",
            "application/vnd.cyclonedx+json");
    w.sign(sbom);
    Descriptor unsigned =
        w.attach(
            image, "sbom/cyclone-dx", "{\"bomFormat\":\"CycloneDX\",\"n\":2}", "application/json");
    Descriptor foreign =
        w.attach(
            image, "sbom/cyclone-dx", "{\"bomFormat\":\"CycloneDX\",\"n\":3}", "application/json");
    new LayoutSigner(layout, other).sign(foreign);
    Descriptor notJson = w.attach(image, "sbom/cyclone-dx", "not json", "text/plain");
    w.sign(notJson);
    w.attach(image, "vex/cyclone-dx", "{\"vulnerabilities\":[]}", "application/json");
    NotaryTrust trust = KyvernoNotaryTrust.of(List.of(signer.cert()), List.of());
    ImageReference ref = ImageReference.parse("oci-layout:" + dir + ":v1");

    NotaryImageReport r =
        verifier.verifyAttestations(
            ref, image.digest(), "sbom/cyclone-dx", trust, new PhaseTimings());
    Outcome.Verified v = (Outcome.Verified) r.outcome();
    assertThat(v.proof().attestations())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.predicateType()).isEqualTo("sbom/cyclone-dx");
              assertThat(a.predicate().path("n").asInt()).isEqualTo(1);
              assertThat(a.statement()).isNull();
              assertThat(a.signer()).contains("CN=ecdsa-test");
            });
    assertThat(r.findings())
        .filteredOn(f -> !f.verified())
        .extracting(f -> f.reason().message())
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(unsigned.digest().toString())
                    .contains("no signature is associated"))
        .anySatisfy(
            m -> assertThat(m).contains(foreign.digest().toString()).contains("authenticity"))
        .anySatisfy(
            m -> assertThat(m).contains(notJson.digest().toString()).contains("is not JSON"));

    NotaryImageReport none =
        verifier.verifyAttestations(
            ref, image.digest(), "trivy/vulnerability", trust, new PhaseTimings());
    assertThat(((Outcome.Denied) none.outcome()).failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(Failure.Code.NO_ATTESTATIONS);
              assertThat(f.message())
                  .contains("no Notary attestation of type \"trivy/vulnerability\"");
            });
    NotaryImageReport vexUnsigned =
        verifier.verifyAttestations(
            ref, image.digest(), "vex/cyclone-dx", trust, new PhaseTimings());
    assertThat(vexUnsigned.outcome()).isInstanceOf(Outcome.Denied.class);
  }

  @Test
  void everyVerifiedAttestationIsReturnedAndSignatureOfImageIsNotAnAttestationSignature(
      @TempDir Path dir) throws Exception {
    EnvelopeRulesTest.Signer signer = EnvelopeRulesTest.selfSigned("secp256r1", "SHA256withECDSA");
    LayoutSigner w = new LayoutSigner(OciLayoutWriter.create(dir), signer);
    Descriptor image = w.image("v1", "c");
    Descriptor a1 =
        w.attach(
            image,
            "trivy/vulnerability",
            "{\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-1\"}]}",
            "application/json");
    Descriptor a2 =
        w.attach(image, "trivy/vulnerability", "{\"Vulnerabilities\":[]}", "application/json");
    w.sign(a1);
    w.sign(a2);
    Descriptor a3 =
        w.attach(image, "trivy/vulnerability", "{\"Vulnerabilities\":null}", "application/json");
    w.sign(
        a3,
        image); // a signature stored under a3 but covering the image: content descriptor mismatch
    NotaryTrust trust = KyvernoNotaryTrust.of(List.of(signer.cert()), List.of());
    ImageReference ref = ImageReference.parse("oci-layout:" + dir + ":v1");
    NotaryImageReport r =
        verifier.verifyAttestations(
            ref, image.digest(), "trivy/vulnerability", trust, new PhaseTimings());
    List<VerifiedAttestation> atts = ((Outcome.Verified) r.outcome()).proof().attestations();
    assertThat(atts).hasSize(2);
    assertThat(r.findings())
        .filteredOn(f -> !f.verified())
        .extracting(f -> f.reason().message())
        .anySatisfy(m -> assertThat(m).contains("content descriptor mismatch"));
    assertThat(
            ((Outcome.Denied)
                    verifier
                        .verify(ref, image.digest(), trust, Mode.FIRST_VALID, new PhaseTimings())
                        .outcome())
                .reason())
        .contains("no signature is associated");
  }
}
