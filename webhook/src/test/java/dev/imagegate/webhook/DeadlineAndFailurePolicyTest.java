package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine that does not answer in time: the webhook answers anyway, by failurePolicy. The stub
 * blocks until released, so the outcome does not depend on how fast the machine is.
 */
class DeadlineAndFailurePolicyTest {
  @TempDir Path dir;

  @Test
  void slowEngineIsDeniedAtTheDeadlineUnderFail() throws Exception {
    StubEngine engine = new StubEngine("v1");
    try (WebhookFixture webhook =
        new WebhookFixture(dir, engine, Duration.ofMillis(300), FailurePolicy.FAIL)) {
      JsonNode response =
          webhook.review(
              "/validate", Reviews.create("slow-1", Reviews.pod("web", "ghcr.io/acme/slow:1")));

      assertThat(response.path("uid").asText()).isEqualTo("slow-1");
      assertThat(response.path("allowed").asBoolean()).isFalse();
      assertThat(response.at("/status/code").asInt()).isEqualTo(403);
      assertThat(response.at("/status/message").asText())
          .isEqualTo(
              "timed out verifying images of Pod/default/web after 300 ms (failurePolicy Fail)");
      // The engine was told the same deadline the webhook enforced.
      assertThat(engine.calls)
          .singleElement()
          .satisfies(call -> assertThat(call.deadline()).isNotNull());
      assertThat(engine.releaseSlow.getCount())
          .isEqualTo(1); // answered while the engine was still blocked
    } finally {
      engine.releaseSlow.countDown();
    }
  }

  @Test
  void slowEngineIsAllowedWithWarningUnderIgnore() throws Exception {
    StubEngine engine = new StubEngine("v1");
    try (WebhookFixture webhook =
        new WebhookFixture(dir, engine, Duration.ofMillis(300), FailurePolicy.IGNORE)) {
      JsonNode response =
          webhook.review(
              "/mutate", Reviews.create("slow-2", Reviews.pod("web", "ghcr.io/acme/slow:1")));

      assertThat(response.path("allowed").asBoolean()).isTrue();
      assertThat(response.has("patch")).isFalse();
      assertThat(response.path("warnings").get(0).asText())
          .contains(
              "timed out verifying images of Pod/default/web after 300 ms",
              "failurePolicy is Ignore");
    } finally {
      engine.releaseSlow.countDown();
    }
  }

  @Test
  void noPoliciesLoadedYetFollowsFailurePolicy() throws Exception {
    try (WebhookFixture webhook =
        new WebhookFixture(dir, null, Duration.ofSeconds(8), FailurePolicy.FAIL)) {
      assertThat(webhook.get("/readyz").statusCode()).isEqualTo(503);

      JsonNode response =
          webhook.review(
              "/validate", Reviews.create("early", Reviews.pod("web", "ghcr.io/acme/web:1")));

      assertThat(response.path("allowed").asBoolean()).isFalse();
      assertThat(response.at("/status/message").asText())
          .contains("has not loaded its policies yet");
    }
  }

  @Test
  void engineSwapIsVisibleToTheNextReview() throws Exception {
    StubEngine first = new StubEngine("v1");
    StubEngine second = new StubEngine("v2");
    try (WebhookFixture webhook =
        new WebhookFixture(dir, first, Duration.ofSeconds(8), FailurePolicy.FAIL)) {
      webhook.review("/validate", Reviews.create("a", Reviews.pod("web", "ghcr.io/acme/web:1")));
      webhook.engines.replace(second);
      webhook.review("/validate", Reviews.create("b", Reviews.pod("web", "ghcr.io/acme/web:1")));

      assertThat(first.calls).hasSize(1);
      assertThat(second.calls).hasSize(1);
    }
  }
}
