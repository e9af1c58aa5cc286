package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics, structured logs and /debug/explain. */
class ObservabilityTest {
  @TempDir Path dir;
  StubEngine engine = new StubEngine("policies-v7");
  WebhookFixture webhook;

  @BeforeEach
  void start() throws Exception {
    webhook = new WebhookFixture(dir, engine, Duration.ofSeconds(8), FailurePolicy.FAIL);
  }

  @AfterEach
  void stop() {
    webhook.close();
  }

  @Test
  void metricsExposeReviewAndPhaseHistograms() throws Exception {
    webhook.review("/mutate", Reviews.create("m1", Reviews.pod("web", "ghcr.io/acme/web:1")));
    webhook.review(
        "/validate", Reviews.create("m2", Reviews.pod("bad", "ghcr.io/acme/unsigned:1")));
    webhook.post("/validate", "not json".getBytes());

    var response = webhook.get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(response.body())
        .contains(
            "imagegate_admission_review_seconds_bucket{decision=\"allowed\",webhook=\"mutate\",le=")
        .contains(
            "imagegate_admission_review_seconds_count{decision=\"denied\",webhook=\"validate\"} 1")
        .contains(
            "imagegate_admission_phase_seconds_bucket{phase=\"resolve\",webhook=\"mutate\",le=")
        .contains(
            "imagegate_admission_decisions_total{decision=\"allowed\",webhook=\"mutate\"} 1.0")
        .contains("imagegate_http_errors_total{status=\"400\"} 1.0")
        .contains("imagegate_policies_ready 1.0")
        .contains("imagegate_admission_inflight 0.0")
        .contains("imagegate_verification_cache_hit_ratio")
        .contains("imagegate_verification_cache_size")
        .contains("imagegate_registry_errors_total{kind=\"rate_limited\"}");
  }

  @Test
  void everyLogLineIsOneJsonObjectWithReviewFields() throws Exception {
    webhook.review(
        "/validate", Reviews.create("log-1", Reviews.pod("bad", "ghcr.io/acme/unsigned:1")));

    var lines = webhook.logLines();

    assertThat(lines)
        .allSatisfy(
            line ->
                assertThat(line.fieldNames())
                    .toIterable()
                    .contains("time", "level", "logger", "message"));
    JsonNode review =
        lines.stream()
            .filter(l -> l.path("uid").asText().equals("log-1"))
            .findFirst()
            .orElseThrow();
    assertThat(review.path("message").asText()).isEqualTo("admission review");
    assertThat(review.path("kind").asText()).isEqualTo("Pod");
    assertThat(review.path("namespace").asText()).isEqualTo("default");
    assertThat(review.path("name").asText()).isEqualTo("bad");
    assertThat(review.path("allowed").isBoolean()).isTrue();
    assertThat(review.path("allowed").asBoolean()).isFalse();
    assertThat(review.path("duration_ms").isNumber()).isTrue();
    assertThat(review.path("policy_version").asText()).isEqualTo("policies-v7");
    assertThat(review.path("reason").asText())
        .contains("was blocked due to the following policies");
  }

  @Test
  void explainByUidShowsRuleResultsAndTimings() throws Exception {
    webhook.review("/mutate", Reviews.create("ex-1", Reviews.pod("web", "ghcr.io/acme/web:1")));
    webhook.review("/validate", Reviews.create("ex-1", Reviews.pod("web", "ghcr.io/acme/web:1")));

    var response = webhook.get("/debug/explain?uid=ex-1");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode explanation = Reviews.JSON.readTree(response.body());
    assertThat(explanation.path("uid").asText()).isEqualTo("ex-1");
    JsonNode mutate = explanation.path("mutate");
    assertThat(mutate.path("allowed").asBoolean()).isTrue();
    assertThat(mutate.path("policyVersion").asText()).isEqualTo("policies-v7");
    assertThat(mutate.at("/results/0/policy").asText()).isEqualTo("check-images");
    assertThat(mutate.at("/results/0/images/0/digest").asText()).isEqualTo(StubEngine.DIGEST);
    assertThat(mutate.at("/timingsMs/resolve").asDouble()).isEqualTo(3.0);
    assertThat(mutate.at("/patches/0/path").asText()).isEqualTo("/spec/containers/0/image");
    assertThat(explanation.path("validate").path("outcome").asText()).isEqualTo("allowed");
  }

  @Test
  void explainUnknownUidIs404() throws Exception {
    assertThat(webhook.get("/debug/explain?uid=nope").statusCode()).isEqualTo(404);
    assertThat(webhook.get("/debug/explain").statusCode()).isEqualTo(400);
  }

  @Test
  void explainByPostEvaluatesBothPhasesWithoutRecording() throws Exception {
    var response =
        webhook.post(
            "/debug/explain",
            Reviews.create("ex-2", Reviews.pod("bad", "ghcr.io/acme/unsigned:1")));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode explanation = Reviews.JSON.readTree(response.body());
    assertThat(explanation.path("allowed").asBoolean()).isFalse();
    assertThat(explanation.at("/results/0/status").asText()).isEqualTo("FAIL");
    assertThat(engine.calls)
        .singleElement()
        .satisfies(
            call -> assertThat(call.phase()).isEqualTo(dev.imagegate.engine.AdmissionPhase.BOTH));
    assertThat(webhook.get("/debug/explain?uid=ex-2").statusCode()).isEqualTo(404);
  }
}
