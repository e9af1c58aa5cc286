package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.oci.RegistryCredentials;
import dev.imagegate.testkit.TestCertificates;
import dev.imagegate.webhook.internal.AdmissionRequest;
import dev.imagegate.webhook.internal.CurrentEngine;
import dev.imagegate.webhook.internal.JsonLog;
import dev.imagegate.webhook.internal.NamespaceLabelLookup;
import dev.imagegate.webhook.internal.ReviewOutcome;
import dev.imagegate.webhook.internal.ReviewService;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pull secrets reach the engine: {@code imagegate serve --kubernetes} against fabric8's CRUD mock
 * API server resolves the workload's, its service account's and the configured secrets once per
 * review into {@code ResourceRequest.registryCredentials}; a failing resolver leaves the review to
 * go on without them.
 */
@EnableKubernetesMockClient(crud = true)
class PullSecretsReviewTest {
  static KubernetesClient client;
  @TempDir Path dir;
  final ByteArrayOutputStream logs = new ByteArrayOutputStream();

  @AfterEach
  void restoreLogs() {
    JsonLog.redirect(System.out);
    JsonLog.threshold(JsonLog.Level.INFO);
  }

  @Test
  void theWorkloadsPullSecretsArriveInTheEnginesRequest() throws Exception {
    client
        .secrets()
        .inNamespace("imagegate")
        .resource(dockerSecret("imagegate", "global", "https://index.docker.io/v1/", "global"))
        .create();
    client
        .secrets()
        .inNamespace("team")
        .resource(dockerSecret("team", "sa-secret", "quay.io", "sa"))
        .create();
    client
        .secrets()
        .inNamespace("team")
        .resource(dockerSecret("team", "pod-secret", "ghcr.io", "pod"))
        .create();
    client
        .serviceAccounts()
        .inNamespace("team")
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("builder")
                .withNamespace("team")
                .endMetadata()
                .addNewImagePullSecret("sa-secret")
                .build())
        .create();
    ObjectNode pod = Reviews.pod("web", "ghcr.io/acme/web:1");
    ((ObjectNode) pod.path("metadata")).put("namespace", "team");
    ((ObjectNode) pod.path("spec"))
        .put("serviceAccountName", "builder")
        .putArray("imagePullSecrets")
        .addObject()
        .put("name", "pod-secret");
    AtomicReference<StubEngine> engine = new AtomicReference<>();

    try (Webhook running =
        serve(
            (policies, settings) -> {
              engine.set(new StubEngine(policies.version()));
              return engine.get();
            },
            b ->
                b.kubernetes(true)
                    .namespace("imagegate")
                    .imagePullSecrets(List.of("global", "imagegate/missing")))) {
      ObjectNode review = Reviews.create("pull-1", pod);
      ((ObjectNode) review.path("request")).put("namespace", "team");
      JsonNode response = post(running, "/mutate", review);
      assertThat(response.at("/response/uid").asText()).isEqualTo("pull-1");
    }

    assertThat(engine.get().calls)
        .singleElement()
        .satisfies(
            call -> {
              Map<String, RegistryCredentials> credentials = call.request().registryCredentials();
              assertThat(credentials).containsOnlyKeys("ghcr.io", "quay.io", "index.docker.io");
              assertThat(credentials.get("ghcr.io"))
                  .isEqualTo(RegistryCredentials.basic("pod", "pw-pod"));
              assertThat(credentials.get("quay.io"))
                  .isEqualTo(RegistryCredentials.basic("sa", "pw-sa"));
              assertThat(RegistryCredentials.forRegistry(credentials, "docker.io"))
                  .contains(RegistryCredentials.basic("global", "pw-global"));
              assertThat(call.request().toString())
                  .contains("pod")
                  .doesNotContain("pw-pod", "pw-sa", "pw-global");
            });
    JsonLog.flush(); // lines are written by the log's own thread
    assertThat(logs.toString(StandardCharsets.UTF_8))
        .doesNotContain("pw-pod", "pw-sa", "pw-global");
  }

  @Test
  void aFailingResolverDoesNotFailTheReview() {
    JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    StubEngine engine = new StubEngine("v1");
    CurrentEngine engines = new CurrentEngine();
    engines.replace(engine);
    PullSecretResolver broken =
        request -> {
          throw new KubernetesClientException(
              "secrets \"regcred\" is forbidden: cannot get resource");
        };
    try (ReviewService reviews =
        new ReviewService(
            engines,
            NamespaceLabelLookup.none(),
            broken,
            Duration.ofSeconds(10),
            4,
            Clock.systemUTC())) {
      ObjectNode pod = Reviews.pod("web", "ghcr.io/acme/web:1");
      AdmissionRequest request =
          new AdmissionRequest(
              "uid-broken", "", "v1", "Pod", "team", "web", "CREATE", pod, null, false, null);

      ReviewService.Reviewed reviewed =
          reviews.review(request, AdmissionPhase.MUTATE, Instant.now());

      assertThat(reviewed.outcome()).isInstanceOf(ReviewOutcome.Decided.class);
      assertThat(engine.calls)
          .singleElement()
          .satisfies(call -> assertThat(call.request().registryCredentials()).isEmpty());
    }
    JsonLog.flush(); // lines are written by the log's own thread
    assertThat(logs.toString(StandardCharsets.UTF_8))
        .contains("cannot resolve pull secrets", "uid-broken", "forbidden");
  }

  @Test
  void unusableEntriesAreSkippedAndUsableOnesKept() {
    StubEngine engine = new StubEngine("v1");
    CurrentEngine engines = new CurrentEngine();
    engines.replace(engine);
    JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    PullSecretResolver resolver =
        request ->
            new RegistryAuths(
                Map.of(
                    "ghcr.io", new RegistryAuths.Credential("", "lonely-password", null),
                    "quay.io", new RegistryAuths.Credential("", "", "identity-tok")));
    try (ReviewService reviews =
        new ReviewService(
            engines,
            NamespaceLabelLookup.none(),
            resolver,
            Duration.ofSeconds(10),
            4,
            Clock.systemUTC())) {
      reviews.review(
          new AdmissionRequest(
              "uid-2",
              "",
              "v1",
              "Pod",
              "team",
              "web",
              "CREATE",
              Reviews.pod("web", "ghcr.io/acme/web:1"),
              null,
              false,
              null),
          AdmissionPhase.MUTATE,
          Instant.now());
    }
    assertThat(engine.calls)
        .singleElement()
        .satisfies(
            call ->
                assertThat(call.request().registryCredentials())
                    .containsExactly(
                        Map.entry("quay.io", RegistryCredentials.ofIdentityToken("identity-tok"))));
    JsonLog.flush(); // lines are written by the log's own thread
    assertThat(logs.toString(StandardCharsets.UTF_8))
        .contains("ignoring unusable pull secret entry", "ghcr.io")
        .doesNotContain("lonely-password", "identity-tok");
  }

  private Webhook serve(EngineFactory factory, UnaryOperator<WebhookConfig.Builder> extra)
      throws Exception {
    JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
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
                    .reviewDeadline(Duration.ofMillis(10000)))
            .build();
    // The webhook closes its client on stop: give it its own, on the mock server.
    Webhook running =
        Webhook.start(
            config,
            factory,
            () -> new KubernetesClientBuilder().withConfig(client.getConfiguration()).build());
    https =
        HttpClient.newBuilder().sslContext(TestCertificates.trusting(issued.certificate())).build();
    return running;
  }

  HttpClient https;

  private JsonNode post(Webhook running, String path, JsonNode body) throws Exception {
    HttpResponse<String> response =
        https.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + running.port() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Reviews.JSON.writeValueAsBytes(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Reviews.JSON.readTree(response.body());
  }

  private static Secret dockerSecret(String namespace, String name, String registry, String user) {
    String config =
        "{\"auths\":{\""
            + registry
            + "\":{\"username\":\""
            + user
            + "\",\"password\":\"pw-"
            + user
            + "\"}}}";
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withType("kubernetes.io/dockerconfigjson")
        .addToData(
            ".dockerconfigjson",
            Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8)))
        .build();
  }
}
