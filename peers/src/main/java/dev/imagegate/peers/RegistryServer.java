package dev.imagegate.peers;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real CNCF distribution registry ({@code docker-registry serve}) on a free loopback port, plain
 * HTTP (clients name it as an insecure registry), storage and log under a given folder, deletes
 * enabled (tests reshape fixtures). Closing stops it.
 */
public final class RegistryServer implements AutoCloseable {
  /** Readiness polls: 400 x 50 ms, 20 s, since the registry binds its port asynchronously. */
  private static final int READY_POLLS = 400;

  private static final long POLL_MILLIS = 50;

  private final Process process;
  private final int port;
  private final Path root;

  private RegistryServer(Process process, int port, Path root) {
    this.process = process;
    this.port = port;
    this.root = root;
  }

  /**
   * Starts a registry and waits until it answers {@code /v2/}.
   *
   * @param binary the {@code docker-registry} executable
   * @param root its folder: {@code config.yml}, {@code registry.log} and the {@code data} storage
   * @param extraConfig appended to the YAML configuration (for example an {@code auth: htpasswd:}
   *     section); empty for none
   * @throws IOException when the folder cannot be written or the process not started
   * @throws InterruptedException when interrupted while waiting for it
   */
  public static RegistryServer start(Path binary, Path root, String extraConfig)
      throws IOException, InterruptedException {
    Files.createDirectories(root);
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
    Path cfg = Files.writeString(root.resolve("config.yml"), config);
    ProcessBuilder pb =
        new ProcessBuilder(binary.toString(), "serve", cfg.toString())
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("registry.log").toFile());
    pb.environment().put("OTEL_TRACES_EXPORTER", "none");
    RegistryServer registry = new RegistryServer(pb.start(), port, root);
    registry.awaitReady();
    return registry;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private void awaitReady() throws InterruptedException {
    for (int i = 0; i < READY_POLLS; i++) {
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
      Thread.sleep(POLL_MILLIS);
    }
    close();
    throw new IllegalStateException("registry did not become ready: " + log());
  }

  /** The registry's log, for failure messages. */
  public String log() {
    try {
      return Files.readString(root.resolve("registry.log"), StandardCharsets.UTF_8);
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

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
