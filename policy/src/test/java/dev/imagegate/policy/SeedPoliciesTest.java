package dev.imagegate.policy;

import static dev.imagegate.policy.MalformedPolicyTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.conditions.Operator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every policy of the five seed documents parses to the model it means (registry hosts as in the
 * seeds).
 */
class SeedPoliciesTest {
  private static Policy only(String file) {
    LoadResult r = PolicyLoader.load(List.of(resource("seeds/" + file)));
    assertThat(r.policies().size() + r.rejected().size()).isEqualTo(1);
    assertThat(r.warnings())
        .as("warnings of %s", file)
        .noneMatch(w -> w.message().startsWith("unknown field"));
    return r.policies().isEmpty() ? r.rejected().get(0).policy() : r.policies().get(0);
  }

  private static VerifyImage firstVerifyImage(Policy p) {
    return p.rules().get(0).verifyImages().get(0);
  }

  @Test
  void seed000NotaryCertificate() {
    Policy p = only("000-check-image-notary.yaml");
    assertThat(p.apiVersion()).isEqualTo("kyverno.io/v2beta1");
    assertThat(p.clusterScoped()).isTrue();
    assertThat(p.name()).isEqualTo("check-image-notary");
    assertThat(p.validationFailureAction()).isEqualTo(FailureAction.ENFORCE);
    assertThat(p.webhookTimeoutSeconds()).isEqualTo(30);
    assertThat(p.failurePolicy()).isEqualTo(FailurePolicy.FAIL);
    Rule rule = p.rules().get(0);
    assertThat(rule.name()).isEqualTo("verify-signature-notary");
    assertThat(rule.match().any())
        .singleElement()
        .satisfies(f -> assertThat(f.kinds()).containsExactly("Pod"));
    VerifyImage v = firstVerifyImage(p);
    assertThat(v.type()).isEqualTo(ImageVerificationType.NOTARY);
    assertThat(v.imageReferences()).containsExactly("ghcr.io/kyverno/test-verify-image*");
    assertThat(v.mutateDigest()).isTrue();
    assertThat(v.verifyDigest()).isTrue();
    assertThat(v.required()).isTrue();
    assertThat(v.failureAction()).isNull();
    assertThat(v.effectiveFailureAction(p)).isEqualTo(FailureAction.ENFORCE);
    AttestorSet set = v.attestors().get(0);
    assertThat(set.count()).isEqualTo(1);
    assertThat(set.entries())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.trust())
                    .isInstanceOfSatisfying(
                        AttestorTrust.Certificates.class,
                        c -> {
                          assertThat(c.cert())
                              .startsWith(
                                  "-----BEGIN CERTIFICATE-----\nMIIDTTCCAjWgAwIBAgIJAPI+zAzn4s0x")
                              .endsWith("-----END CERTIFICATE-----");
                          assertThat(c.certChain()).isNull();
                        }));
    assertThat(PolicyLinter.lint(p)).isEmpty();
  }

  @Test
  void seed001NotaryWithWebhookConfigurationAndPerEntryFailureAction() {
    Policy p = only("001-check-image-notary.yaml");
    assertThat(p.failurePolicy()).isEqualTo(FailurePolicy.FAIL);
    assertThat(p.webhookTimeoutSeconds()).isEqualTo(30);
    assertThat(p.validationFailureAction()).isEqualTo(FailureAction.AUDIT);
    VerifyImage v = firstVerifyImage(p);
    assertThat(v.failureAction()).isEqualTo(FailureAction.ENFORCE);
    assertThat(v.effectiveFailureAction(p)).isEqualTo(FailureAction.ENFORCE);
  }

  @Test
  void seed001SbomAttestationWithConditions() {
    Policy p = only("001-sbom-attestation.yaml");
    Rule rule = p.rules().get(0);
    assertThat(rule.context())
        .singleElement()
        .isEqualTo(
            new ContextEntry.ConfigMapRef(
                "keys", "keys", "kyverno", rule.context().get(0).location()));
    VerifyImage v = firstVerifyImage(p);
    assertThat(v.attestors()).isEmpty();
    Attestation a = v.attestations().get(0);
    assertThat(a.type()).isEqualTo("sbom/cyclone-dx");
    assertThat(a.attestors().get(0).entries().get(0).trust())
        .isInstanceOf(AttestorTrust.Certificates.class);
    assertThat(a.conditions())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.any()).isEmpty();
              assertThat(b.all())
                  .singleElement()
                  .satisfies(
                      c -> {
                        assertThat(c.key().asText())
                            .isEqualTo("{{ components[].licenses[].expression }}");
                        assertThat(c.operator()).isEqualTo(Operator.ALL_IN);
                        assertThat(c.value().toString()).isEqualTo("[\"GPL-3.0\"]");
                      });
            });
  }

  @Test
  void seed001ValidateAcrossNamedAttestations() {
    Policy p = only("001-validate-across-attestations.yaml");
    assertThat(p.validationFailureAction()).isEqualTo(FailureAction.ENFORCE);
    VerifyImage v = firstVerifyImage(p);
    assertThat(v.attestations()).extracting(Attestation::name).containsExactly("trivy", "vex");
    assertThat(v.attestations())
        .extracting(Attestation::type)
        .containsExactly("trivy/vulnerability", "vex/cyclone-dx");
    assertThat(v.validate().message())
        .isEqualTo("All vulnerabilities in trivy and vex should be same");
    assertThat(v.validate().deny())
        .singleElement()
        .satisfies(
            b ->
                assertThat(b.any())
                    .singleElement()
                    .satisfies(
                        c -> {
                          assertThat(c.operator()).isEqualTo(Operator.ANY_NOT_IN);
                          assertThat(c.value().asText())
                              .isEqualTo("{{ vex.vulnerabilities[*].id }}");
                        }));
    assertThat(PolicyLinter.lint(p)).isEmpty();
  }

  @Test
  void seed002PublicKey() {
    Policy p = only("002-check-image.yaml");
    assertThat(p.validationFailureAction()).isEqualTo(FailureAction.ENFORCE);
    assertThat(p.background()).isFalse();
    VerifyImage v = firstVerifyImage(p);
    assertThat(v.type()).isEqualTo(ImageVerificationType.COSIGN);
    assertThat(v.imageReferences()).containsExactly("ghcr.io/kyverno/test-verify-image:*");
    assertThat(v.attestors().get(0).entries().get(0).trust())
        .isInstanceOfSatisfying(
            AttestorTrust.Keys.class,
            k -> {
              assertThat(k.source())
                  .isInstanceOfSatisfying(
                      KeySource.Pem.class,
                      pem ->
                          assertThat(pem.pem())
                              .contains("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE8nXRh950IZbRj8Ra"));
              assertThat(k.signatureAlgorithm()).isEqualTo("sha256");
              assertThat(k.rekor()).isNull();
            });
  }

  @Test
  void seed002CodeReviewAttestation() {
    Policy p = only("002-attest-code-review.yaml");
    VerifyImage v = firstVerifyImage(p);
    assertThat(v.imageReferences()).containsExactly("registry.io/org/app*");
    assertThat(v.attestors()).hasSize(1);
    Attestation a = v.attestations().get(0);
    assertThat(a.type()).isEqualTo("https://example.com/CodeReview/v1");
    assertThat(a.attestors()).isEmpty();
    assertThat(a.conditions().get(0).all())
        .extracting(c -> c.key().asText() + " " + c.operator() + " " + c.value())
        .containsExactly(
            "{{ repo.uri }} Equals \"https://git-repo.com/org/app\"",
            "{{ repo.branch }} Equals \"main\"",
            "{{ reviewers }} In [\"ana@example.com\",\"bob@example.com\"]");
  }

  @Test
  void seed002CertificateWithChainAndRootOnly() {
    VerifyImage withChain = firstVerifyImage(only("002-cert-chain.yaml"));
    assertThat(withChain.attestors().get(0).entries().get(0).trust())
        .isInstanceOfSatisfying(
            AttestorTrust.Certificates.class,
            c -> {
              assertThat(c.cert()).contains("MIIDuzCCAqOgAwIBAgIUDG7gFB8RMMOMGkDm6uEusOE8FWgw");
              assertThat(c.certChain())
                  .contains("MIIDuTCCAqGgAwIBAgIUU1kkhcMc+7ci1qvkLCre5lbH68ow");
            });
    VerifyImage rootOnly = firstVerifyImage(only("002-cert-chain-root-only.yaml"));
    assertThat(rootOnly.attestors().get(0).entries().get(0).trust())
        .isInstanceOfSatisfying(
            AttestorTrust.Certificates.class,
            c -> {
              assertThat(c.cert()).isNull();
              assertThat(c.certChain()).startsWith("-----BEGIN CERTIFICATE-----");
            });
  }

  @Test
  void seed002KeylessAndGithubExtensions() {
    VerifyImage v = firstVerifyImage(only("002-keyless.yaml"));
    assertThat(v.attestors().get(0).entries().get(0).trust())
        .isEqualTo(
            new AttestorTrust.Keyless(
                "*@nirmata.com",
                null,
                "https://accounts.google.com",
                null,
                null,
                Map.of(),
                null,
                null));
    VerifyImage gh = firstVerifyImage(only("002-keyless-github.yaml"));
    assertThat(gh.attestors().get(0).entries().get(0).trust())
        .isInstanceOfSatisfying(
            AttestorTrust.Keyless.class,
            k -> {
              assertThat(k.issuer()).isEqualTo("https://token.actions.githubusercontent.com");
              assertThat(k.additionalExtensions())
                  .containsEntry("githubWorkflowTrigger", "push")
                  .containsEntry("githubWorkflowSha", "{{WORKFLOW_COMMIT_SHA}}");
            });
  }

  @Test
  void seed002LegacyImageKeyAndAnnotationsMapToAnAttestor() {
    LoadResult r = PolicyLoader.load(List.of(resource("seeds/002-annotations-legacy.yaml")));
    VerifyImage v = firstVerifyImage(r.policies().get(0));
    assertThat(v.imageReferences())
        .containsExactly("ghcr.io/kyverno/test-verify-image:signed-keyless");
    assertThat(v.attestors())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.count()).isNull();
              assertThat(s.entries())
                  .singleElement()
                  .satisfies(
                      a -> {
                        assertThat(a.annotations()).isEqualTo(Map.of("sig", "original"));
                        assertThat(a.trust())
                            .isInstanceOfSatisfying(
                                AttestorTrust.Keys.class,
                                k -> assertThat(k.source()).isInstanceOf(KeySource.Pem.class));
                      });
            });
    assertThat(r.warnings()).anyMatch(w -> w.message().contains("\"image\" is deprecated"));
  }

  @Test
  void seed002SignatureRepository() {
    VerifyImage v = firstVerifyImage(only("002-signature-repository.yaml"));
    assertThat(v.repository()).isEqualTo("registry.io/signatures");
    assertThat(v.imageReferences()).containsExactly("ghcr.io/kyverno/test-verify-image:*");
  }

  @Test
  void seed002TektonImageExtractors() {
    Policy task = only("002-tekton-taskrun.yaml");
    Rule rule = task.rules().get(0);
    assertThat(rule.match().any().get(0).kinds())
        .containsExactly("tekton.dev/v1beta1/TaskRun.status");
    assertThat(rule.imageExtractors().get("TaskRun"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.name()).isEqualTo("taskrunstatus");
              assertThat(x.path()).isEqualTo("/status/taskSpec/steps/*");
              assertThat(x.value()).isEqualTo("image");
              assertThat(x.key()).isEqualTo("name");
            });
    assertThat(rule.verifyImages().get(0).required()).isFalse();
    assertThat(rule.verifyImages().get(0).imageReferences()).containsExactly("*");
    Policy bundle = only("002-pipeline-bundle.yaml");
    assertThat(bundle.rules().get(0).imageExtractors().get("PipelineRun"))
        .singleElement()
        .satisfies(
            x ->
                assertThat(x.path() + " " + x.value() + " " + x.key())
                    .isEqualTo("/spec/pipelineRef bundle name"));
  }

  @Test
  void seed004Policies() {
    Policy quick = only("004-require-signed-images.yaml");
    assertThat(firstVerifyImage(quick).imageReferences()).containsExactly("registry.company.com/*");
    assertThat(firstVerifyImage(quick).attestors().get(0).count()).isEqualTo(1);

    Policy dual = only("004-require-dual-signatures.yaml");
    assertThat(firstVerifyImage(dual).attestors())
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.required()).isEqualTo(1));

    Policy env = only("004-environment-specific.yaml");
    assertThat(env.rules())
        .extracting(Rule::name)
        .containsExactly("production-must-be-signed", "development-warn-unsigned");
    assertThat(env.rules().get(0).match().any().get(0).namespaces()).containsExactly("production");
    assertThat(env.rules().get(1).match().any().get(0).namespaces())
        .containsExactly("development", "staging");
    assertThat(firstVerifyImage(env).failureAction()).isEqualTo(FailureAction.ENFORCE);
    assertThat(env.rules().get(1).verifyImages().get(0).effectiveFailureAction(env))
        .isEqualTo(FailureAction.AUDIT);
    // Kyverno v1.19 refuses this seed: its Audit rule keeps the default mutateDigest: true.
    assertThat(PolicyValidation.errors(env))
        .containsExactly(
            "spec.rules[1].verifyImages[0].mutateDigest: mutateDigest must be set to false for"
                + " \u2018Audit\u2019 failure action");

    Policy cert = only("004-certificate-verification.yaml");
    assertThat(firstVerifyImage(cert).attestors().get(0).entries().get(0).trust())
        .isInstanceOfSatisfying(
            AttestorTrust.Certificates.class,
            c ->
                assertThat(c.rekor())
                    .isEqualTo(new Rekor("https://rekor.sigstore.dev", null, false)));
  }

  @Test
  void wholeSeedDirectoryLoadsInNameOrder() {
    LoadResult r = PolicyLoader.load(List.of(resource("seeds")));
    assertThat(r.policies().size() + r.rejected().size()).isEqualTo(18);
    assertThat(r.policies().get(0).name()).isEqualTo("check-image-notary");
    // The seeds Kyverno v1.19's admission validation refuses, with its reasons
    // (pkg/validation/policy/validate.go, api/kyverno/v1/image_verification_types.go).
    assertThat(r.rejected()).extracting(Object::toString).containsExactlyInAnyOrder(REJECTED_SEEDS);
  }

  private static final String[] REJECTED_SEEDS = {
    "ClusterPolicy check-image-keyless-github: spec.rules[0].verifyImages[0].attestors[0]"
        + ".entries[0].keyless: Either Rekor URL or roots are required",
    "ClusterPolicy check-image-keyless: spec.rules[0].verifyImages[0].attestors[0].entries[0]"
        + ".keyless: Either Rekor URL or roots are required",
    "ClusterPolicy environment-specific-verification: spec.rules[1].verifyImages[0].mutateDigest:"
        + " mutateDigest must be set to false for \u2018Audit\u2019 failure action"
  };
}
