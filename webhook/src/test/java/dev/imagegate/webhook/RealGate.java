package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.testkit.CosignKeyPair;
import dev.imagegate.testkit.Fixtures;
import dev.imagegate.testkit.KeySignedPodsPolicy;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import dev.imagegate.testkit.TestCertificates;
import dev.imagegate.webhook.internal.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real gate for end-to-end webhook tests: a real registry ({@link LocalRegistry}) with images
 * pushed by crane and signed by the real cosign, and {@code imagegate serve} with the production
 * engine answering real HTTPS round trips. One registry per test class; one server per {@link
 * #serve} call.
 */
final class RealGate implements AutoCloseable {
  static final Peers PEERS = Peers.installed();

  final LocalRegistry registry;
  final Path work;
  final Fixtures fixtures;
  final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private final List<AutoCloseable> started = new ArrayList<>();
  private final Map<String, CosignKeyPair> keys = new HashMap<>();
  private int servers;

  private RealGate(LocalRegistry registry, Path work) {
    this.registry = registry;
    this.work = work;
    this.fixtures = new Fixtures(PEERS, work);
  }

  /** Starts the registry and makes two cosign key pairs, {@code k1} and {@code k2}. */
  static RealGate start(Path work) {
    // Skipped locally, failed under CI=true, when a peer is missing.
    Prerequisites.peers("crane");
    RealGate gate = new RealGate(LocalRegistry.start(PEERS), work);
    for (String k : List.of("k1", "k2")) {
      gate.keys.put(k, CosignKeyPair.generate(PEERS, work, k));
    }
    return gate;
  }

  /** {@code 127.0.0.1:PORT} */
  String host() {
    return registry.host();
  }

  /** Pushes a fresh one-layer image to {@code repoAndTag} of the registry; its digest. */
  String push(String repoAndTag) {
    return fixtures.pushRandomImage(host(), repoAndTag);
  }

  /** Pushes a fresh image and signs it with {@code key} (k1 or k2) by cosign; its digest. */
  String pushSigned(String repoAndTag, String key) {
    String digest = push(repoAndTag);
    String repo = repoAndTag.substring(0, repoAndTag.lastIndexOf(':'));
    keys.get(key).sign(host() + "/" + repo + "@" + digest);
    return digest;
  }

  /**
   * A ClusterPolicy {@code name} for Pods: images matching {@code pattern} must be signed by {@code
   * key}; {@code action} Enforce or Audit.
   */
  String policy(String name, String pattern, String key, String action) {
    return KeySignedPodsPolicy.of(name, "check", pattern, keys.get(key).publicKeyPem())
        .withFailureAction(action)
        // Kyverno refuses mutateDigest (the default) with an Audit failure action.
        .withMutateDigest(!action.equals("Audit"))
        .yaml();
  }

  /** A running {@code imagegate serve} with these policy documents and a client trusting it. */
  Server serve(List<String> policies, String... extraArgs) throws Exception {
    JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    Path dir = work.resolve("serve-" + servers++);
    Files.createDirectories(dir.resolve("policies"));
    for (int i = 0; i < policies.size(); i++) {
      Files.writeString(dir.resolve("policies/p" + i + ".yaml"), policies.get(i));
    }
    TestCertificates.Issued issued = TestCertificates.issue("gate", "EC");
    TestCertificates.write(
        issued, dir.resolve("tls.crt"), dir.resolve("tls.key"), TestCertificates.KeyFormat.PKCS8);
    List<String> args = List.of(extraArgs);
    WebhookConfig.Builder builder =
        WebhookConfig.builder(dir.resolve("tls.crt"), dir.resolve("tls.key"))
            .policies(List.of(dir.resolve("policies")))
            .bind("127.0.0.1", 0)
            .workDirectory(dir.resolve("work"));
    List<String> insecure = new ArrayList<>(List.of(host()));
    // The flags these tests pass, as imagegate serve reads them (ServeCommand lives in the cli).
    for (int i = 0; i < args.size(); i += 2) {
      switch (args.get(i)) {
        case "--insecure-registry" -> insecure.add(args.get(i + 1));
        case "--review-deadline-ms" ->
            builder.reviewDeadline(Duration.ofMillis(Long.parseLong(args.get(i + 1))));
        default -> throw new IllegalArgumentException("unsupported test flag " + args.get(i));
      }
    }
    Webhook running = Webhook.start(builder.insecureRegistries(insecure).build());
    started.add(running);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!running.ready()) {
      assertThat(Instant.now()).as("policies loaded").isBefore(deadline);
      Thread.sleep(20);
    }
    return new Server(running, WebhookFixture.newClient(issued));
  }

  /** A started webhook. */
  record Server(Webhook running, HttpClient client) {
    HttpResponse<String> post(String path, byte[] body) throws Exception {
      return client.send(
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + running.port() + path))
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code response} of a 200 answer to {@code review}. */
    JsonNode review(String path, JsonNode review) throws Exception {
      HttpResponse<String> response = post(path, Reviews.JSON.writeValueAsBytes(review));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return Reviews.JSON.readTree(response.body()).path("response");
    }
  }

  String logText() {
    JsonLog.flush(); // lines are written by the log's own thread
    return logs.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    for (AutoCloseable c : started) {
      try {
        c.close();
      } catch (Exception e) {
        // best effort
      }
    }
    registry.close();
    JsonLog.redirect(System.out);
  }
}
