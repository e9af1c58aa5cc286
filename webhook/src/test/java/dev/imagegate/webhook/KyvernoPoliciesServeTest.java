package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 through the real HTTPS webhook ({@code Webhook.start} with the production engine, as
 * {@code imagegate serve} runs it): a policy Kyverno v1.19's admission validation refuses is
 * logged, counted and listed on {@code /readyz} while the others keep deciding; and the legacy
 * kinds' v1.19 deprecation notice is an admission-time log line (Kyverno:
 * pkg/deprecations/deprecations.go, pkg/webhooks/policy/handlers.go), once per policy and interval,
 * never an answer's warning. No registry is needed: the serving policies only check that images are
 * pinned (validate_image.go verifyDigest, {@code missing digest for IMAGE}).
 */
class KyvernoPoliciesServeTest {
  private static final String POLICIES =
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
          verifyImages: [{imageReferences: ["ghcr.io/*"], mutateDigest: false, required: false}]
      ---
      apiVersion: kyverno.io/v1
      kind: Policy
      metadata: {name: team-digests, namespace: default}
      spec:
        validationFailureAction: Enforce
        rules:
        - name: r
          match: {any: [{resources: {kinds: [Pod]}}]}
          verifyImages: [{imageReferences: ["ghcr.io/*"], mutateDigest: false, required: false}]
      """;

  @TempDir Path dir;

  private static JsonNode validate(ServedPolicies served, String uid, String image)
      throws Exception {
    return served.review("/validate", Reviews.create(uid, Reviews.pod("web", image)));
  }

  /** validate.go: mutateDigest with Audit is refused; the other policies serve. */
  @Test
  void anInvalidPolicyIsLoggedCountedAndListedWhileTheOthersDecide() throws Exception {
    try (ServedPolicies served = ServedPolicies.start(dir, POLICIES)) {
      String reason =
          "ClusterPolicy audit-with-pin: spec.rules[0].verifyImages[0].mutateDigest:"
              + " mutateDigest must be set to false for \u2018Audit\u2019 failure action";
      HttpResponse<String> ready = served.get("/readyz");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).isEqualTo("ok\ninvalid policy not applied: " + reason + "\n");
      assertThat(served.get("/metrics").body())
          .containsPattern("(?m)^imagegate_policies_invalid(\\{\\})? 1\\.0$");
      assertThat(served.logLines("invalid policy not applied"))
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.path("level").asText()).isEqualTo("WARN");
                assertThat(line.path("policy").asText()).isEqualTo(reason);
              });

      // The valid policies decide: a tag image is not pinned (validate_image.go).
      JsonNode denied = validate(served, "tag-1", "ghcr.io/acme/web:1");
      assertThat(denied.path("allowed").asBoolean()).isFalse();
      assertThat(denied.at("/status/message").asText())
          .contains("missing digest for ghcr.io/acme/web:1")
          .doesNotContain("audit-with-pin");
      JsonNode pinned = validate(served, "pinned-1", "ghcr.io/acme/web@sha256:" + "a".repeat(64));
      assertThat(pinned.path("allowed").asBoolean()).isTrue();
    }
  }

  /** deprecations.go: the legacy kinds' notice, logged when a review uses such a policy. */
  @Test
  void deprecationNoticeIsAnAdmissionTimeLogLineOncePerPolicy() throws Exception {
    try (ServedPolicies served = ServedPolicies.start(dir, POLICIES)) {
      JsonNode first = validate(served, "dep-1", "ghcr.io/acme/web:1");
      assertThat(first.path("allowed").asBoolean()).isFalse();
      // Not the Pod author's business: no deprecation in the answer's warnings.
      assertThat(first.path("warnings").toString()).doesNotContain("deprecated");

      List<JsonNode> notices = served.logLines("deprecated policy kind in use");
      assertThat(notices)
          .extracting(n -> n.path("policy").asText())
          .containsExactlyInAnyOrder("digests", "default/team-digests");
      for (JsonNode n : notices) {
        assertThat(n.path("level").asText()).isEqualTo("WARN");
        assertThat(n.path("uid").asText()).isEqualTo("dep-1");
        assertThat(n.path("webhook").asText()).isEqualTo("validate");
        assertThat(n.path("reviews").asLong()).isEqualTo(1);
        assertThat(n.path("imagegate").asText()).contains("ImageValidatingPolicy");
      }
      assertThat(notices)
          .extracting(n -> n.path("warning").asText())
          .containsExactlyInAnyOrder(
              "ClusterPolicy (kyverno.io) is deprecated and will be removed in a future release;"
                  + " migrate to ValidatingPolicy, MutatingPolicy, GeneratingPolicy or"
                  + " ImageValidatingPolicy (policies.kyverno.io), see"
                  + " https://kyverno.io/docs/guides/migration-to-cel/",
              "Policy (kyverno.io) is deprecated and will be removed in a future release;"
                  + " migrate to NamespacedValidatingPolicy, NamespacedMutatingPolicy,"
                  + " NamespacedGeneratingPolicy or NamespacedImageValidatingPolicy"
                  + " (policies.kyverno.io), see https://kyverno.io/docs/guides/migration-to-cel/");

      // Rate-limited: later reviews within the interval add no line.
      validate(served, "dep-2", "ghcr.io/acme/web:2");
      validate(served, "dep-3", "ghcr.io/acme/web@sha256:" + "b".repeat(64));
      assertThat(served.logLines("deprecated policy kind in use")).hasSize(2);
      // A review no policy takes part in never logs it.
      validate(served, "other", "quay.io/acme/web:1");
      assertThat(served.logLines("deprecated policy kind in use")).hasSize(2);
    }
  }
}
