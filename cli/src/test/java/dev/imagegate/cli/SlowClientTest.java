package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.testkit.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 6 of issue 12: slow clients cannot hold connections. The JDK reads its HTTP server limits
 * once per process, so {@code imagegate serve} runs in its own JVM here (the real entry point,
 * {@link Main}), and the test talks TLS to it byte by byte. Assertions are on what the server does
 * (closes the connection, counts it), never on how fast.
 */
class SlowClientTest {
  @TempDir Path dir;
  Process server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
  }

  @Test
  void slowRequestsAndSurplusConnectionsAreClosedAndCounted() throws Exception {
    TestCertificates.Issued issued = TestCertificates.issue("slow", "EC");
    TestCertificates.write(
        issued, dir.resolve("tls.crt"), dir.resolve("tls.key"), TestCertificates.KeyFormat.PKCS8);
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(dir.resolve("policies/p.yaml"), policy());
    int port = start("--http-request-timeout-seconds", "2", "--http-max-connections", "3");
    javax.net.ssl.SSLSocketFactory tls =
        TestCertificates.trusting(issued.certificate()).getSocketFactory();

    // A client that sends its headers, then one body byte a second: closed, not served.
    try (SSLSocket slow = (SSLSocket) tls.createSocket("127.0.0.1", port)) {
      slow.setSoTimeout(30_000);
      slow.startHandshake();
      slow.setSoTimeout(1000);
      OutputStream out = slow.getOutputStream();
      out.write(
          ("POST /validate HTTP/1.1\r\nHost: imagegate\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 1000\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(dribbleUntilClosed(slow, Duration.ofSeconds(60))).isTrue();
    }

    // Three connections are the limit: a fourth is closed as it is accepted.
    List<SSLSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        SSLSocket s = (SSLSocket) tls.createSocket("127.0.0.1", port);
        s.startHandshake();
        held.add(s);
      }
      SSLSocket surplus = (SSLSocket) tls.createSocket("127.0.0.1", port);
      surplus.setSoTimeout(10_000);
      boolean refused;
      try {
        surplus.startHandshake();
        refused = surplus.getInputStream().read() < 0;
      } catch (IOException e) {
        refused = !(e instanceof SocketTimeoutException);
      } finally {
        surplus.close();
      }
      assertThat(refused).as("the connection over --http-max-connections is closed").isTrue();
    } finally {
      for (SSLSocket s : held) {
        s.close();
      }
    }

    String metrics = metrics(port, issued);
    assertThat(
            counter(
                metrics, "imagegate_http_connections_closed_total\\{reason=\"request_timeout\""))
        .isPositive();
    assertThat(counter(metrics, "imagegate_http_connections_accepted_total")).isPositive();
    // The connection over the bound is counted (before, the JDK closed it without a trace).
    assertThat(
            counter(
                metrics, "imagegate_http_connections_closed_total\\{reason=\"max_connections\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(metrics)
        .contains("imagegate_http_limit{limit=\"max_connections\"} 3.0")
        .contains("imagegate_http_limit{limit=\"request_timeout_seconds\"} 2.0");
  }

  /** Sends a byte a second until the server closes; false if it is still open at {@code max}. */
  private static boolean dribbleUntilClosed(SSLSocket socket, Duration max) {
    Instant until = Instant.now().plus(max);
    try {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (Instant.now().isBefore(until)) {
        out.write('x');
        out.flush();
        try {
          if (in.read() < 0) {
            return true;
          }
          return false; // an answer before the body was complete
        } catch (SocketTimeoutException stillOpen) {
          // nothing yet: send the next byte
        }
      }
      return false;
    } catch (IOException closed) {
      return true;
    }
  }

  private String metrics(int port, TestCertificates.Issued issued) throws Exception {
    // The limit of three connections still holds: retry until the closed ones are gone.
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(TestCertificates.trusting(issued.certificate()))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      try {
        return client
            .send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
      } catch (IOException e) {
        if (Instant.now().isAfter(until)) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static double counter(String metrics, String prefix) {
    Matcher m = Pattern.compile("(?m)^" + prefix + "[^ ]* ([0-9.E+]+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private int start(String... extra) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // as every launcher of serve (jar manifests, container image): lets serve count the
                // connections it closes at --http-max-connections
                "--add-opens=jdk.httpserver/sun.net.httpserver=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", // and sets its threads' scheduler slices
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--policies",
                dir.resolve("policies").toString(),
                "--port",
                "0",
                "--bind-address",
                "127.0.0.1",
                "--tls-cert",
                dir.resolve("tls.crt").toString(),
                "--tls-key",
                dir.resolve("tls.key").toString(),
                "--work-dir",
                dir.resolve("work").toString()));
    command.addAll(List.of(extra));
    Path log = dir.resolve("server.log");
    server =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Pattern listening = Pattern.compile("\"message\":\"webhook listening\".*?\"port\":(\\d+)");
    Instant until = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(until)) {
      Matcher m = listening.matcher(Files.readString(log));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      assertThat(server.isAlive()).as(Files.readString(log)).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("server did not start: " + Files.readString(log));
  }

  private static String policy() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----";
    return """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata:
          name: signed
        spec:
          rules:
          - name: check
            match:
              any:
              - resources: {kinds: [Pod]}
            verifyImages:
            - imageReferences: ["ghcr.io/acme/*"]
              attestors:
              - entries:
                - keys:
                    publicKeys: |-
        %s
        """
        .formatted(
            pem.lines().map(l -> "                " + l).reduce((a, b) -> a + "\n" + b).get());
  }
}
