package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.PolicyReports;
import dev.imagegate.engine.RuleResult;
import dev.imagegate.engine.RuleStatus;
import dev.imagegate.webhook.internal.ClusterPolicyReportSink;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit results become PolicyReports: logged without a cluster, upserted into the cluster with one.
 */
@EnableKubernetesMockClient(crud = true)
class PolicyReportTest {
  static KubernetesClient client;

  @TempDir Path dir;

  @Test
  void validatingReviewPublishesOneReportAndDryRunsNone() throws Exception {
    try (WebhookFixture f =
        new WebhookFixture(dir, new StubEngine("v1"), Duration.ofSeconds(5), FailurePolicy.FAIL)) {
      f.review("/mutate", Reviews.create("u1", Reviews.pod("web", "registry.example/app:audit")));
      assertThat(reports(f)).isEmpty();
      f.review("/validate", Reviews.create("u2", Reviews.pod("web", "registry.example/app:audit")));
      List<JsonNode> reports = reports(f);
      assertThat(reports).hasSize(1);
      assertThat(reports.get(0).path("resource").asText()).isEqualTo("Pod/web");
      assertThat(reports.get(0).path("summary").asText()).contains("\"fail\":1");
      f.review(
          "/validate",
          Reviews.review(
              "u3", "CREATE", Reviews.pod("web", "registry.example/app:audit"), null, true));
      assertThat(reports(f)).hasSize(1);
    }
  }

  private static List<JsonNode> reports(WebhookFixture f) throws Exception {
    return f.logLines().stream()
        .filter(l -> l.path("message").asText().equals("policy report"))
        .toList();
  }

  @Test
  void reportIsShapedLikeKyvernosAndUpsertedIntoTheCluster() throws Exception {
    ObjectNode pod = Reviews.pod("web", "registry.example/app:v1");
    ((ObjectNode) pod.path("metadata")).put("namespace", "team-a").put("uid", "0b6e-uid");
    Decision d =
        new Decision(
            true,
            null,
            List.of(
                new RuleResult(
                    "require-signed",
                    "check",
                    RuleStatus.WARN,
                    false,
                    "failed to verify image registry.example/app:v1: no signatures found",
                    List.of(
                        new RuleResult.ImageCheck(
                            "registry.example/app:v1",
                            null,
                            RuleStatus.FAIL,
                            "no signatures found")))),
            List.of(),
            List.of("w"),
            Map.of());
    ObjectNode report = PolicyReports.of(pod, d, Instant.parse("2026-11-23T00:00:00Z"));
    assertThat(report.path("apiVersion").asText()).isEqualTo("wgpolicyk8s.io/v1alpha2");
    assertThat(report.path("scope").path("uid").asText()).isEqualTo("0b6e-uid");
    assertThat(report.path("results").get(0).path("result").asText()).isEqualTo("fail");
    assertThat(report.path("results").get(0).path("source").asText()).isEqualTo("imagegate");
    assertThat(report.path("summary").path("fail").asInt()).isEqualTo(1);

    ResourceDefinitionContext ctx =
        new ResourceDefinitionContext.Builder()
            .withGroup("wgpolicyk8s.io")
            .withVersion("v1alpha2")
            .withKind("PolicyReport")
            .withPlural("policyreports")
            .withNamespaced(true)
            .build();
    try (ClusterPolicyReportSink sink = new ClusterPolicyReportSink(client)) {
      sink.publish(report);
      sink.publish(report); // the second write updates the same object
      GenericKubernetesResource stored = null;
      for (int i = 0; i < 100 && stored == null; i++) {
        stored =
            client.genericKubernetesResources(ctx).inNamespace("team-a").withName("0b6e-uid").get();
        if (stored == null) {
          Thread.sleep(50);
        }
      }
      assertThat(stored).isNotNull();
      assertThat(stored.get("summary").toString()).contains("fail=1");
    }
  }
}
