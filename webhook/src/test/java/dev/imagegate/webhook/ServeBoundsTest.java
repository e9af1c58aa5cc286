package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/security.md's bound on images per object through the real HTTPS webhook with the production
 * engine: a Pod with more containers than the engines verify is refused before any policy runs,
 * whatever the failurePolicy (an unchecked surplus would be a way around every policy).
 */
class ServeBoundsTest {
  private static final String POLICY =
      """
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
  private static final String PINNED = "ghcr.io/acme/app@sha256:" + "a".repeat(64);

  @TempDir Path dir;

  @Test
  void podWithMoreContainersThanTheImageBoundIsRefused() throws Exception {
    try (ServedPolicies served = ServedPolicies.start(dir, POLICY)) {
      ObjectNode pod =
          Reviews.pod("many", Collections.nCopies(10_001, PINNED).toArray(String[]::new));
      JsonNode refused = served.review("/mutate", Reviews.create("many", pod));
      assertThat(refused.path("allowed").asBoolean()).isFalse();
      assertThat(refused.at("/status/message").asText())
          .contains(
              "/spec has more than 10000 containers; imagegate verifies at most 10000 images per"
                  + " object");

      // At the bound, the policy decides (every image is pinned).
      ((com.fasterxml.jackson.databind.node.ArrayNode) pod.at("/spec/containers")).remove(0);
      JsonNode decided = served.review("/validate", Reviews.create("bound", pod));
      assertThat(decided.path("allowed").asBoolean()).as(decided.toString()).isTrue();
    }
  }
}
