package dev.imagegate.cli.demo;

import dev.imagegate.peers.PeerTools;
import dev.imagegate.peers.RegistryServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two real tools the webhook demo runs: the CNCF distribution registry and oras, installed by
 * {@code bin/peers} (located by peers {@link PeerTools}, the registry started by peers {@link
 * RegistryServer}, both shared with the test kit, which stays out of the CLI's compile scope).
 */
final class DemoPeers {
  private final PeerTools tools;

  private DemoPeers(PeerTools tools) {
    this.tools = tools;
  }

  static DemoPeers installed() {
    return new DemoPeers(PeerTools.installed());
  }

  /** True when the registry and oras are installed. */
  boolean available() {
    return tools.has("docker-registry") && tools.has("oras");
  }

  /** Runs {@code oras args...} in {@code work}; fails with its output when it exits non-zero. */
  void oras(Path work, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(tools.binary("oras").toString());
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
  RegistryServer startRegistry(Path work) throws IOException, InterruptedException {
    return RegistryServer.start(tools.binary("docker-registry"), work.resolve("registry"), "");
  }
}
