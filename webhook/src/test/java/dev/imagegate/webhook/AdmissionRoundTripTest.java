package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.webhook.internal.WebhookOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AdmissionReview requests over real HTTPS, answered by a stub engine. */
class AdmissionRoundTripTest {
  @TempDir Path dir;
  StubEngine engine = new StubEngine("v1");
  WebhookFixture webhook;

  @BeforeEach
  void start() throws Exception {
    webhook = new WebhookFixture(dir, engine, Duration.ofSeconds(8), FailurePolicy.FAIL);
  }

  @AfterEach
  void stop() {
    engine.releaseSlow.countDown();
    webhook.close();
  }

  @Test
  void signedPodIsAllowedAndPinnedToDigestOnMutate() throws Exception {
    JsonNode response =
        webhook.review(
            "/mutate", Reviews.create("uid-1", Reviews.pod("web", "ghcr.io/acme/web:1.0")));

    assertThat(response.path("uid").asText()).isEqualTo("uid-1");
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
    JsonNode patch =
        Reviews.JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
    assertThat(patch).hasSize(1);
    assertThat(patch.get(0).path("op").asText()).isEqualTo("replace");
    assertThat(patch.get(0).path("path").asText()).isEqualTo("/spec/containers/0/image");
    assertThat(patch.get(0).path("value").asText())
        .isEqualTo("ghcr.io/acme/web:1.0@" + StubEngine.DIGEST);
    assertThat(engine.calls)
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.phase()).isEqualTo(AdmissionPhase.MUTATE);
              assertThat(call.request().uid()).isEqualTo("uid-1");
              assertThat(call.request().namespace()).isEqualTo("default");
              assertThat(call.request().operation()).isEqualTo("CREATE");
            });
  }

  @Test
  void validateNeverPatches() throws Exception {
    JsonNode response =
        webhook.review(
            "/validate", Reviews.create("uid-2", Reviews.pod("web", "ghcr.io/acme/web:1.0")));

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("patch")).isFalse();
    assertThat(response.has("patchType")).isFalse();
    assertThat(engine.calls)
        .singleElement()
        .extracting(StubEngine.Call::phase)
        .isEqualTo(AdmissionPhase.VALIDATE);
  }

  @Test
  void unsignedPodIsDeniedWithKyvernoShapedMessage() throws Exception {
    JsonNode response =
        webhook.review(
            "/validate",
            Reviews.create("uid-3", Reviews.pod("unsigned", "ghcr.io/acme/unsigned:1")));

    assertThat(response.path("uid").asText()).isEqualTo("uid-3");
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/code").asInt()).isEqualTo(403);
    assertThat(response.at("/status/message").asText())
        .startsWith("resource Pod/default/unsigned was blocked due to the following policies")
        .contains("check-images:", "verify-signature", "ghcr.io/acme/unsigned:1");
    assertThat(response.has("patch")).isFalse();
  }

  @Test
  void deniedMutationCarriesNoPatch() throws Exception {
    JsonNode response =
        webhook.review(
            "/mutate",
            Reviews.create(
                "uid-4", Reviews.pod("mixed", "ghcr.io/acme/web:1", "ghcr.io/acme/unsigned:1")));

    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.has("patch")).isFalse();
  }

  @Test
  void deploymentTemplateIsVerified() throws Exception {
    JsonNode response =
        webhook.review(
            "/mutate", Reviews.create("uid-5", Reviews.deployment("api", "ghcr.io/acme/api:2")));

    assertThat(response.path("allowed").asBoolean()).isTrue();
    JsonNode patch =
        Reviews.JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
    assertThat(patch.get(0).path("path").asText())
        .isEqualTo("/spec/template/spec/containers/0/image");
  }

  @Test
  void cronJobTemplateIsVerified() throws Exception {
    JsonNode response =
        webhook.review(
            "/validate",
            Reviews.create("uid-6", Reviews.cronJob("nightly", "ghcr.io/acme/unsigned-job:3")));

    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/message").asText()).contains("CronJob/default/nightly");
  }

  @Test
  void updatePassesOldObjectToTheEngine() throws Exception {
    var oldPod = Reviews.pod("web", "ghcr.io/acme/web:1.0");
    var newPod = Reviews.pod("web", "ghcr.io/acme/web:1.1");
    JsonNode response =
        webhook.review("/mutate", Reviews.review("uid-7", "UPDATE", newPod, oldPod, false));

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(engine.calls)
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.request().operation()).isEqualTo("UPDATE");
              assertThat(call.request().oldResource().at("/spec/containers/0/image").asText())
                  .isEqualTo("ghcr.io/acme/web:1.0");
            });
  }

  @Test
  void dryRunIsDecidedAsUsualAndFlaggedToTheEngine() throws Exception {
    JsonNode response =
        webhook.review(
            "/validate",
            Reviews.review(
                "uid-8", "CREATE", Reviews.pod("dry", "ghcr.io/acme/unsigned:1"), null, true));

    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(engine.calls)
        .singleElement()
        .satisfies(call -> assertThat(call.request().dryRun()).isTrue());
  }

  @Test
  void unmatchedKindIsAllowedWithoutEvaluating() throws Exception {
    var configMap =
        Reviews.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    configMap.putObject("metadata").put("name", "settings");
    JsonNode response = webhook.review("/validate", Reviews.create("uid-9", configMap));

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("uid").asText()).isEqualTo("uid-9");
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void deleteIsAllowedWithoutEvaluating() throws Exception {
    var review =
        Reviews.review(
            "uid-10", "DELETE", Reviews.pod("gone", "ghcr.io/acme/unsigned:1"), null, false);
    ((com.fasterxml.jackson.databind.node.ObjectNode) review.path("request"))
        .set("oldObject", review.path("request").path("object"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) review.path("request")).putNull("object");

    assertThat(webhook.review("/validate", review).path("allowed").asBoolean()).isTrue();
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void auditFailuresBecomeWarnings() throws Exception {
    JsonNode response =
        webhook.review(
            "/validate", Reviews.create("uid-11", Reviews.pod("a", "ghcr.io/acme/audit:1")));

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("warnings").get(0).asText())
        .contains("audit-images", "ghcr.io/acme/audit:1");
  }

  @Test
  void engineErrorIsDeniedUnderFailurePolicyFail() throws Exception {
    JsonNode response =
        webhook.review(
            "/validate", Reviews.create("uid-12", Reviews.pod("b", "ghcr.io/acme/boom:1")));

    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/message").asText())
        .contains(
            "error verifying images of Pod/default/b",
            "stub engine exploded",
            "failurePolicy Fail");
  }

  @Test
  void malformedJsonIs400WithMessage() throws Exception {
    var response =
        webhook.post(
            "/validate",
            "{\"apiVersion\": \"admission.k8s.io/v1\", ".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Reviews.JSON.readTree(response.body()).path("error").asText())
        .startsWith("malformed JSON");
    assertThat(response.body()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void wrongKindIs400() throws Exception {
    var response =
        webhook.post(
            "/validate",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("expected kind AdmissionReview");
  }

  @Test
  void missingUidIs400() throws Exception {
    var review = Reviews.create("x", Reviews.pod("p", "i"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) review.path("request")).remove("uid");

    var response = webhook.post("/validate", review);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("'uid'");
  }

  @Test
  void deeplyNestedJsonIs400() throws Exception {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    var response = webhook.post("/validate", deep.getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("parser limits");
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    byte[] body = new byte[WebhookOptions.API_SERVER_MAX_REQUEST_BYTES + 1];
    java.util.Arrays.fill(body, (byte) ' ');

    var response = webhook.post("/validate", body);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("larger than 3145728 bytes");
  }

  @Test
  void getOnReviewEndpointIs405() throws Exception {
    var response = webhook.get("/validate");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void unknownPathIs404() throws Exception {
    assertThat(webhook.get("/nope").statusCode()).isEqualTo(404);
    assertThat(webhook.post("/validatex", Reviews.create("u", Reviews.pod("p", "i"))).statusCode())
        .isEqualTo(404);
  }

  @Test
  void probesReportHealthAndReadiness() throws Exception {
    assertThat(webhook.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(webhook.get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void speaksOnlyModernTls() throws Exception {
    var response = webhook.get("/healthz");

    assertThat(response.sslSession())
        .hasValueSatisfying(
            session -> assertThat(session.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));
  }
}
