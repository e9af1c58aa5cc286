package dev.imagegate.testkit;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real CNCF distribution registry ({@code docker-registry serve}) on a free loopback port with
 * its storage in a temporary folder. Plain HTTP, so clients must name it as an insecure registry.
 * Deletes are enabled so tests can reshape fixtures.
 */
public final class LocalRegistry implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path root;

  private LocalRegistry(Process process, int port, Path root) {
    this.process = process;
    this.port = port;
    this.root = root;
  }

  public static LocalRegistry start(Peers peers) {
    return start(peers, "");
  }

  /**
   * Starts a registry; {@code extraConfig} is appended to its YAML configuration (for example an
   * {@code auth: htpasswd: ...} section).
   */
  public static LocalRegistry start(Peers peers, String extraConfig) {
    try {
      Path root = Files.createTempDirectory("imagegate-registry");
      int port = freePort();
      String config =
          """
          version: 0.1
          log:
            level: error
            accesslog:
              disabled: true
          storage:
            filesystem:
              rootdirectory: %s
            delete:
              enabled: true
          http:
            addr: 127.0.0.1:%d
          """
                  .formatted(root.resolve("data"), port)
              + extraConfig;
      Path cfg = root.resolve("config.yml");
      Files.writeString(cfg, config);
      ProcessBuilder pb =
          new ProcessBuilder(peers.binary("docker-registry").toString(), "serve", cfg.toString())
              .redirectErrorStream(true)
              .redirectOutput(root.resolve("registry.log").toFile());
      pb.environment().put("OTEL_TRACES_EXPORTER", "none");
      Process p = pb.start();
      LocalRegistry r = new LocalRegistry(p, port, root);
      r.awaitReady();
      return r;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the local registry", e);
    }
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("registry exited: " + log());
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection) URI.create("http://" + host() + "/v2/").toURL().openConnection();
        c.setConnectTimeout(200);
        c.setReadTimeout(500);
        int code = c.getResponseCode();
        c.disconnect();
        if (code == 200 || code == 401) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException("registry did not become ready: " + log());
  }

  private String log() {
    try {
      return Files.readString(root.resolve("registry.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** {@code 127.0.0.1:PORT}, the host part of image references in this registry. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path root() {
    return root;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
