package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.testkit.TestCertificates;
import dev.imagegate.webhook.internal.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Webhook#start} with a stub engine factory, as {@code imagegate serve} starts it. */
class WebhookStartTest {
  @TempDir Path dir;
  final List<PolicySet> built = new CopyOnWriteArrayList<>();
  final ByteArrayOutputStream logs = new ByteArrayOutputStream();

  @AfterEach
  void restoreLogs() {
    JsonLog.redirect(System.out);
    JsonLog.threshold(JsonLog.Level.INFO);
  }

  private Webhook serve(EngineFactory factory, UnaryOperator<WebhookConfig.Builder> extra)
      throws Exception {
    JsonLog.redirect(new PrintStream(logs, true, java.nio.charset.StandardCharsets.UTF_8));
    TestCertificates.Issued issued = TestCertificates.issue("serve", "EC");
    TestCertificates.write(
        issued, dir.resolve("tls.crt"), dir.resolve("tls.key"), TestCertificates.KeyFormat.PKCS8);
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(dir.resolve("policies/check.yaml"), "kind: ClusterPolicy\n");
    WebhookConfig config =
        extra
            .apply(
                WebhookConfig.builder(dir.resolve("tls.crt"), dir.resolve("tls.key"))
                    .policies(List.of(dir.resolve("policies")))
                    .bind("127.0.0.1", 0)
                    .reviewDeadline(Duration.ofMillis(2000)))
            .build();
    Webhook running =
        Webhook.start(
            config,
            factory,
            () -> {
              throw new AssertionError("no cluster in this test");
            });
    client =
        HttpClient.newBuilder().sslContext(TestCertificates.trusting(issued.certificate())).build();
    return running;
  }

  HttpClient client;

  private HttpResponse<String> send(Webhook running, String path, JsonNode body) throws Exception {
    var builder = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + running.port() + path));
    if (body != null) {
      builder.POST(HttpRequest.BodyPublishers.ofByteArray(Reviews.JSON.writeValueAsBytes(body)));
    }
    return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void isNotReadyUntilTheStartUpWarmUpHasFinished() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (Webhook running =
        serve(
            (policies, settings) -> {
              if (policies.version().equals("warm-up")) {
                // The warm-up's own engine: held until the test has seen the server unready.
                release.await();
                throw new IllegalStateException("no warm-up engine in this test");
              }
              built.add(policies);
              return new StubEngine(policies.version());
            },
            b -> b.warmUpReviews(10))) {
      awaitTrue(() -> !built.isEmpty());
      // The serving engine is installed, the warm-up still runs: not ready.
      assertThat(running.ready()).isFalse();
      assertThat(send(running, "/readyz", null).statusCode()).isEqualTo(503);
      release.countDown();
      awaitTrue(running::ready);
      assertThat(send(running, "/readyz", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theWarmUpsReviewsOverHttpsReachNeitherTheServingServersMetricsNorItsConnections()
      throws Exception {
    try (Webhook running =
        serve(
            (policies, settings) -> {
              if (policies.version().equals("warm-up")) {
                return dev.imagegate.webhook.internal.EngineFactories.real()
                    .create(policies, settings);
              }
              built.add(policies);
              return new StubEngine(policies.version());
            },
            b -> b.warmUpReviews(6))) {
      awaitTrue(running::ready);
      String metrics = send(running, "/metrics", null).body();

      // The warm-up's 6 reviews over HTTPS went to its loopback twin, with metrics of its own:
      // the serving server has accepted this test's connection only and answered no review.
      assertThat(metrics).contains("imagegate_http_connections_accepted_total 1.0");
      assertThat(metrics).doesNotContain("imagegate_admission_review_seconds_count");
      JsonLog.flush();
      assertThat(logs.toString(java.nio.charset.StandardCharsets.UTF_8))
          .contains("\"https_reviews\":6,\"https_allowed\":6");
    }
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  @Test
  void loadsPoliciesThroughTheFactoryAndServes() throws Exception {
    try (Webhook running =
        serve(
            (policies, settings) -> {
              built.add(policies);
              assertThat(settings.pullSecrets()).isNotNull();
              return new StubEngine(policies.version());
            },
            b -> b)) {
      assertThat(running.ready()).isTrue();
      assertThat(built).singleElement().satisfies(set -> assertThat(set.documents()).hasSize(1));
      assertThat(send(running, "/readyz", null).statusCode()).isEqualTo(200);
      JsonNode response =
          Reviews.JSON.readTree(
              send(
                      running,
                      "/validate",
                      Reviews.create("s1", Reviews.pod("web", "ghcr.io/acme/unsigned:1")))
                  .body());
      assertThat(response.at("/response/allowed").asBoolean()).isFalse();
    }
  }

  @Test
  void rejectedPoliciesLeaveTheWebhookUnreadyAndAnsweringByFailurePolicy() throws Exception {
    try (Webhook running =
        serve(
            (policies, settings) -> {
              throw new IllegalArgumentException("check.yaml:1: unknown field");
            },
            b -> b.failurePolicy(FailurePolicy.IGNORE))) {
      assertThat(running.ready()).isFalse();
      assertThat(send(running, "/readyz", null).statusCode()).isEqualTo(503);
      assertThat(send(running, "/metrics", null).body())
          .contains("imagegate_policy_reloads_total{result=\"failure\"} 1.0");
      JsonNode response =
          Reviews.JSON.readTree(
              send(
                      running,
                      "/validate",
                      Reviews.create("s2", Reviews.pod("web", "ghcr.io/acme/web:1")))
                  .body());
      assertThat(response.at("/response/allowed").asBoolean()).isTrue();
      assertThat(response.at("/response/warnings/0").asText()).contains("not loaded its policies");
    }
  }

  @Test
  void aConfigWithoutAnyPolicySourceIsRefused() {
    assertThatThrownBy(() -> WebhookConfig.builder(Path.of("c"), Path.of("k")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--policies");
  }
}
