package dev.imagegate.cli.demo;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two real tools the webhook demo runs: the CNCF distribution registry and oras, installed by
 * {@code bin/peers} into {@code ~/.cache/imagegate/peers/bin} (or the folder named by the {@code
 * imagegate.peers} system property). This is product code, so it does not use the test kit (which
 * stays out of the CLI's compile scope); it needs far less than the test harness: locate, run,
 * start one registry.
 */
final class DemoPeers {
  private final Path bin;

  private DemoPeers(Path bin) {
    this.bin = bin;
  }

  static DemoPeers installed() {
    String dir =
        System.getProperty(
            "imagegate.peers", System.getProperty("user.home") + "/.cache/imagegate/peers");
    return new DemoPeers(Path.of(dir, "bin"));
  }

  /** True when the registry and oras are installed. */
  boolean available() {
    return Files.isExecutable(bin.resolve("docker-registry"))
        && Files.isExecutable(bin.resolve("oras"));
  }

  /** Runs {@code oras args...} in {@code work}; fails with its output when it exits non-zero. */
  void oras(Path work, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(bin.resolve("oras").toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(work, "oras", ".log");
    Process p =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + String.join(" ", command));
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "command failed (exit "
              + p.exitValue()
              + "): "
              + String.join(" ", command)
              + "\n"
              + Files.readString(out, StandardCharsets.UTF_8));
    }
  }

  /** Starts a registry on a free loopback port, plain HTTP, storage under {@code work}. */
  Registry startRegistry(Path work) throws IOException, InterruptedException {
    Path root = Files.createDirectories(work.resolve("registry"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
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
        http:
          addr: 127.0.0.1:%d
        """
            .formatted(root.resolve("data"), port);
    Path cfg = Files.writeString(root.resolve("config.yml"), config);
    ProcessBuilder pb =
        new ProcessBuilder(bin.resolve("docker-registry").toString(), "serve", cfg.toString())
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("registry.log").toFile());
    pb.environment().put("OTEL_TRACES_EXPORTER", "none");
    Registry registry = new Registry(pb.start(), port, root.resolve("registry.log"));
    registry.awaitReady();
    return registry;
  }

  /** A running registry; closing stops it. */
  static final class Registry implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private Registry(Process process, int port, Path log) {
      this.process = process;
      this.port = port;
      this.log = log;
    }

    /** {@code 127.0.0.1:PORT}, the host part of image references in this registry. */
    String host() {
      return "127.0.0.1:" + port;
    }

    // Polls /v2/ for up to 20 s (400 x 50 ms): the registry binds its port asynchronously.
    private void awaitReady() throws IOException, InterruptedException {
      for (int i = 0; i < 400; i++) {
        if (!process.isAlive()) {
          throw new IllegalStateException("registry exited: " + Files.readString(log));
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
        Thread.sleep(50);
      }
      close();
      throw new IllegalStateException("registry did not become ready: " + Files.readString(log));
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
}
