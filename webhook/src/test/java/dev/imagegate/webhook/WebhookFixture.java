package dev.imagegate.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.testkit.TestCertificates;
import dev.imagegate.webhook.internal.CurrentEngine;
import dev.imagegate.webhook.internal.JsonLog;
import dev.imagegate.webhook.internal.NamespaceLabelLookup;
import dev.imagegate.webhook.internal.WebhookOptions;
import dev.imagegate.webhook.internal.WebhookServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A started webhook on a random loopback port with a fresh self-signed certificate, and a client
 * trusting it.
 */
final class WebhookFixture implements AutoCloseable {
  final Path certFile;
  final Path keyFile;
  final TestCertificates.Issued issued;
  final CurrentEngine engines = new CurrentEngine();
  final WebhookServer server;
  final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private final HttpClient client;

  WebhookFixture(
      Path dir,
      dev.imagegate.engine.PolicyEngine engine,
      Duration deadline,
      FailurePolicy failurePolicy)
      throws Exception {
    this(dir, engine, deadline, failurePolicy, WebhookOptions.API_SERVER_MAX_REQUEST_BYTES);
  }

  WebhookFixture(
      Path dir,
      dev.imagegate.engine.PolicyEngine engine,
      Duration deadline,
      FailurePolicy failurePolicy,
      int maxBytes)
      throws Exception {
    JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    certFile = dir.resolve("tls.crt");
    keyFile = dir.resolve("tls.key");
    issued = TestCertificates.issue("imagegate-test", "EC");
    TestCertificates.write(issued, certFile, keyFile, TestCertificates.KeyFormat.PKCS8);
    if (engine != null) {
      engines.replace(engine);
    }
    WebhookOptions defaults = WebhookOptions.defaults(certFile, keyFile);
    WebhookOptions options =
        new WebhookOptions(
            "127.0.0.1",
            0,
            certFile,
            keyFile,
            Duration.ofHours(1),
            deadline,
            failurePolicy,
            8,
            maxBytes,
            defaults.maxJsonDepth(),
            true);
    server = WebhookServer.start(options, engines, NamespaceLabelLookup.none());
    client = newClient(issued);
  }

  static HttpClient newClient(TestCertificates.Issued... trusted) throws Exception {
    return HttpClient.newBuilder()
        .sslContext(
            TestCertificates.trusting(
                Arrays.stream(trusted)
                    .map(TestCertificates.Issued::certificate)
                    .toArray(java.security.cert.X509Certificate[]::new)))
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.port() + path);
  }

  HttpResponse<String> post(String path, byte[] body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, JsonNode body) throws Exception {
    return post(path, Reviews.JSON.writeValueAsBytes(body));
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The AdmissionReview response of a 200 answer. */
  JsonNode review(String path, JsonNode review) throws Exception {
    HttpResponse<String> response = post(path, review);
    if (response.statusCode() != 200) {
      throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
    }
    return Reviews.JSON.readTree(response.body()).path("response");
  }

  List<JsonNode> logLines() throws Exception {
    JsonLog.flush(); // lines are written by the log's own thread
    List<JsonNode> lines = new java.util.ArrayList<>();
    for (String line : logs.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(Reviews.JSON.readTree(line));
      }
    }
    return lines;
  }

  @Override
  public void close() {
    server.close();
    JsonLog.redirect(System.out);
  }
}
