package dev.imagegate.notation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kyverno's one-statement trust, Ratify's verifier configuration and the Ratify report shape. */
class TrustConfigTest {
  private static final NotaryVerifier VERIFIER =
      NotaryVerifier.builder()
          .clock(Vectors.CLOCK)
          .revocationChecker(RevocationChecker.assumeGood())
          .build();

  private static byte[] e2eEnvelope() throws Exception {
    try (var s =
        Files.list(Vectors.file("notation-e2e/oci-layout/e2e-valid-signature/blobs/sha256"))) {
      for (Path p : s.toList()) {
        byte[] b = Files.readAllBytes(p);
        if (b.length > 0 && b[0] == '{' && new String(b).contains("\"protected\"")) {
          return b;
        }
      }
    }
    throw new IllegalStateException("no JWS envelope in the e2e layout");
  }

  private static final TargetArtifact E2E_ARTIFACT =
      new TargetArtifact(
          "localhost:5000/e2e@sha256:b8479de3f88fb259a0a9ea82a5b2a052a1ef3c4ebbcfc61482d5ae4c831f8af9",
          new ArtifactDescriptor(
              "application/vnd.oci.image.manifest.v1+json",
              "sha256:b8479de3f88fb259a0a9ea82a5b2a052a1ef3c4ebbcfc61482d5ae4c831f8af9",
              517));

  @Test
  void kyvernoTrustVerifiesWithTheAttestorCertificate() throws Exception {
    NotaryTrust trust =
        KyvernoNotaryTrust.fromPem(
            Files.readString(Vectors.file("notation-e2e/certs/e2e.crt")), null, null);
    assertThat(trust.policy().statements())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo("kyverno");
              assertThat(s.registryScopes()).containsExactly("*");
              assertThat(s.level()).isEqualTo(VerificationLevel.STRICT);
              assertThat(s.trustedIdentities()).containsExactly("*");
            });
    NotaryResult r =
        VERIFIER.verify(
            e2eEnvelope(), "application/jose+json", E2E_ARTIFACT, trust.policy(), trust.store());
    assertThat(r).isInstanceOf(NotaryResult.Verified.class);
  }

  @Test
  void kyvernoTrustWithAnotherCertificateFailsAuthenticity() throws Exception {
    NotaryTrust trust =
        KyvernoNotaryTrust.fromPem(
            Files.readString(Vectors.file("notation-e2e/certs/new_e2e.crt")), null, null);
    NotaryResult r =
        VERIFIER.verify(
            e2eEnvelope(), "application/jose+json", E2E_ARTIFACT, trust.policy(), trust.store());
    assertThat(r)
        .isInstanceOfSatisfying(
            NotaryResult.Failed.class,
            f -> assertThat(f.step()).isEqualTo(VerificationStep.AUTHENTICITY));
  }

  static final String VERIFIER_YAML =
      """
      apiVersion: config.ratify.deislabs.io/v1beta1
      kind: Verifier
      metadata:
        name: verifier-notation
      spec:
        name: notation
        artifactTypes: application/vnd.cncf.notary.signature
        parameters:
          verificationCertStores:
            ca:
              ca-certs:
                - gatekeeper-system/kmp-akv-ca
            tsa:
              tsa-certs:
                - gatekeeper-system/kmp-akv-tsa
          trustPolicyDoc:
            version: "1.0"
            trustPolicies:
              - name: default
                registryScopes:
                  - "*"
                signatureVerification:
                  level: strict
                  verifyTimestamp: "always"
                trustStores:
                  - ca:ca-certs
                  - tsa:tsa-certs
                trustedIdentities:
                  - "*"
      """;

  @Test
  void ratifyVerifierResourceWithTypedCertStores() throws Exception {
    RatifyNotationConfig config =
        RatifyNotationConfig.fromVerifierResource(VERIFIER_YAML, "verifier.yaml");
    assertThat(config.canVerify("application/vnd.cncf.notary.signature")).isTrue();
    assertThat(config.verificationCertStores().get(TrustStoreType.CA))
        .containsEntry("ca-certs", List.of("gatekeeper-system/kmp-akv-ca"));
    assertThat(config.verificationCertStores().get(TrustStoreType.TSA)).containsKey("tsa-certs");
    assertThat(config.trustPolicy().statements().get(0).trustStores()).hasSize(2);
    var e2e =
        dev.imagegate.trust.Certificates.parsePem(
            Files.readString(Vectors.file("notation-e2e/certs/e2e.crt")));
    var tsa =
        TrustStore.directory(Vectors.file("notation-go/truststore"))
            .certificates(TrustStoreType.TSA, "test-timestamp");
    NotaryTrust trust = config.toTrust(ref -> ref.endsWith("-ca") ? e2e : tsa, Path.of("."));
    assertThat(trust.store().certificates(TrustStoreType.CA, "ca-certs")).isEqualTo(e2e);
  }

  @Test
  void ratifyLegacyFlatCertStoresMeanCa() {
    String flat =
        """
        apiVersion: config.ratify.deislabs.io/v1beta1
        kind: Verifier
        spec:
          name: notation
          artifactTypes: "*"
          parameters:
            verificationCertStores:
              certs:
                - ns/kmp
            trustPolicyDoc:
              version: "1.0"
              trustPolicies:
                - name: default
                  registryScopes: ["*"]
                  signatureVerification: {level: strict}
                  trustStores: ["ca:certs"]
                  trustedIdentities: ["*"]
        """;
    RatifyNotationConfig config = RatifyNotationConfig.fromVerifierResource(flat, "flat.yaml");
    assertThat(config.verificationCertStores()).containsOnlyKeys(TrustStoreType.CA);
    assertThat(config.canVerify("anything")).isTrue();
  }

  @Test
  void ratifyCliConfigWithCommentsAndTrailingCommasAndVerificationCerts() throws Exception {
    String json =
        """
        {
          "store": {"version": "1.0.0", "plugins": [{"name": "oras",}]},
          "verifier": {
            "version": "1.0.0",
            "plugins": [{
              "name": "notation",
              "artifactTypes": "application/vnd.cncf.notary.signature",
              "verificationCerts": ["%s"],
              "trustPolicyDoc": {
                "version": "1.0",
                "trustPolicies": [{
                  "name": "default",
                  "registryScopes": ["*"],
                  "signatureVerification": {"level": "strict", "verifyTimestamp": "always" // default
                  },
                  "trustStores": ["ca:ca-certs"],
                  "trustedIdentities": ["*"]
                }]
              }
            }]
          }
        }
        """
            .formatted(Vectors.file("notation-e2e/truststores/base").toString());
    RatifyNotationConfig config = RatifyNotationConfig.fromCliConfig(json, "config.json");
    NotaryTrust trust = config.toTrust(ref -> List.of(), Path.of("/"));
    NotaryResult r =
        VERIFIER.verify(
            e2eEnvelope(), "application/jose+json", E2E_ARTIFACT, trust.policy(), trust.store());
    assertThat(r).isInstanceOf(NotaryResult.Verified.class);

    RatifyVerifierReport report =
        RatifyVerifierReport.of(r, "localhost:5000/e2e@sha256:b8479de3", "verifier-notation");
    Map<?, ?> json2 = new ObjectMapper().convertValue(report, Map.class);
    assertThat(json2.get("isSuccess")).isEqualTo(true);
    assertThat(json2.get("message")).isEqualTo("Notation signature verification success");
    assertThat(json2.get("extensions").toString())
        .contains("SN=CN=e2e,O=Notary,L=Seattle,ST=WA,C=US");
  }

  @Test
  void ratifyConfigErrorsAreConfigurationExceptions() {
    assertThatThrownBy(() -> RatifyNotationConfig.fromVerifierResource("kind: Store\n", "x.yaml"))
        .isInstanceOf(NotationConfigException.class)
        .hasMessageContaining("x.yaml");
    assertThatThrownBy(
            () -> RatifyNotationConfig.fromCliConfig("{\"verifier\":{\"plugins\":[]}}", "c.json"))
        .isInstanceOf(NotationConfigException.class)
        .hasMessageContaining("notation");
  }

  @Test
  void failedReportCarriesTheReason() {
    RatifyVerifierReport report =
        RatifyVerifierReport.of(
            new NotaryResult.Failed(VerificationStep.AUTHENTICITY, "untrusted", List.of()),
            "s",
            "v");
    assertThat(report.isSuccess()).isFalse();
    assertThat(report.errorReason()).contains("authenticity").contains("untrusted");
  }
}
