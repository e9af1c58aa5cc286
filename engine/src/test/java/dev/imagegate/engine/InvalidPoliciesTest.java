package dev.imagegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.policy.PolicyLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A policy Kyverno v1.19's admission validation refuses is not applied; the others keep working and
 * the engine names it (serve logs it, exports imagegate_policies_invalid and lists it on /readyz).
 */
class InvalidPoliciesTest {
  @Test
  void anInvalidPolicyIsSetAsideAndNamedWhileTheOthersServe() {
    String text =
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: audit-with-pin}
        spec:
          validationFailureAction: Audit
          rules:
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            verifyImages: [{imageReferences: ["*"], attestors: [{entries: [{keyless: {subject: a, issuer: b, rekor: {url: "https://rekor.sigstore.dev"}}}]}]}]
        ---
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: digests}
        spec:
          validationFailureAction: Enforce
          rules:
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            verifyImages: [{imageReferences: ["*"], mutateDigest: false, required: false}]
        """;
    try (PolicyEngine engine =
        PolicyEngines.create(
            PolicyLoader.parse(text, "p.yaml"), List.of(), EngineConfig.defaults())) {
      assertThat(engine.invalidPolicies())
          .containsExactly(
              "ClusterPolicy audit-with-pin: spec.rules[0].verifyImages[0].mutateDigest:"
                  + " mutateDigest must be set to false for \u2018Audit\u2019 failure action");
      assertThat(engine.policyWarnings())
          .anyMatch(w -> w.contains("ClusterPolicy (kyverno.io) is deprecated"));
      var pod =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .createObjectNode()
              .put("apiVersion", "v1")
              .put("kind", "Pod");
      pod.putObject("metadata").put("name", "web").put("namespace", "team");
      pod.putObject("spec")
          .putArray("containers")
          .addObject()
          .put("name", "app")
          .put("image", "registry.example/app:v1");
      Decision d =
          engine.evaluate(
              ResourceRequest.create(pod, "team"),
              AdmissionPhase.BOTH,
              java.time.Instant.now().plusSeconds(30));
      // Only the valid policy ran: validate_image.go verifyDigest on a tag image.
      assertThat(d.results()).extracting(RuleResult::policy).containsExactly("digests");
      assertThat(d.allowed()).isFalse();
      assertThat(d.results().get(0).message())
          .isEqualTo("missing digest for registry.example/app:v1");
    }
  }
}
