package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;

/**
 * {@code imagegate serve} as {@link Webhook#start(WebhookConfig)} runs it (production engine, real
 * HTTPS) over one policy file, for tests whose policies need no registry; captures the JSON logs.
 * Close it to stop the server and restore logging.
 */
final class ServedPolicies implements AutoCloseable {
  final Webhook running;
  final HttpClient client;
  private final ByteArrayOutputStream logs;

  private ServedPolicies(Webhook running, HttpClient client, ByteArrayOutputStream logs) {
    this.running = running;
    this.client = client;
    this.logs = logs;
  }

  static ServedPolicies start(Path dir, String policies) throws Exception {
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    TestCertificates.Issued issued = TestCertificates.issue("served", "EC");
    TestCertificates.write(
        issued, dir.resolve("tls.crt"), dir.resolve("tls.key"), TestCertificates.KeyFormat.PKCS8);
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(dir.resolve("policies/policies.yaml"), policies);
    Webhook running =
        Webhook.start(
            WebhookConfig.builder(dir.resolve("tls.crt"), dir.resolve("tls.key"))
                .policies(List.of(dir.resolve("policies")))
                .bind("127.0.0.1", 0)
                .workDirectory(dir.resolve("work"))
                .build());
    ServedPolicies served = new ServedPolicies(running, WebhookFixture.newClient(issued), logs);
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (!running.ready()) {
      if (Instant.now().isAfter(until)) {
        served.close();
        throw new AssertionError("policies not loaded: " + served.logText());
      }
      Thread.sleep(20);
    }
    return served;
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + running.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The {@code response} of the 200 answer to {@code review} on {@code path}. */
  JsonNode review(String path, JsonNode review) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + running.port() + path))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(Reviews.JSON.writeValueAsBytes(review)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Reviews.JSON.readTree(response.body()).path("response");
  }

  String logText() {
    JsonLog.flush(); // lines are written by the log's own thread
    return logs.toString(StandardCharsets.UTF_8);
  }

  /** The JSON log lines whose {@code message} is {@code message}. */
  List<JsonNode> logLines(String message) {
    return logText()
        .lines()
        .map(
            l -> {
              try {
                return Reviews.JSON.readTree(l);
              } catch (Exception e) {
                throw new AssertionError("not a JSON log line: " + l, e);
              }
            })
        .filter(n -> n.path("message").asText().equals(message))
        .toList();
  }

  @Override
  public void close() {
    try {
      running.close();
    } catch (Exception e) {
      // best effort
    } finally {
      JsonLog.redirect(System.out);
    }
  }
}
