package dev.imagegate.testkit;

import dev.imagegate.peers.PeerTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real tools of the signing ecosystem (cosign v3 and v2, notation, oras, crane, the CNCF
 * registry), installed by {@code bin/peers} (from Debian packages) into a cache folder. Tests run
 * them as child processes so that imagegate is checked against what users really produce.
 */
public final class Peers {
  private final PeerTools tools;

  private Peers(PeerTools tools) {
    this.tools = tools;
  }

  /**
   * The peers folder named by the {@code imagegate.peers} system property (set by the Maven build).
   */
  public static Peers installed() {
    return new Peers(PeerTools.installed());
  }

  /** True when every binary the integration tests need is present. */
  public boolean available() {
    for (String b : List.of("cosign", "cosign2", "notation", "oras", "docker-registry")) {
      if (!tools.has(b)) {
        return false;
      }
    }
    return true;
  }

  /** True when the named tool (e.g. {@code crane}) is installed. */
  public boolean has(String name) {
    return tools.has(name);
  }

  public Path binary(String name) {
    return tools.binary(name);
  }

  /** Result of one tool run. */
  public record Result(int exitCode, String stdout, String stderr) {
    public Result requireSuccess(List<String> command) {
      if (exitCode != 0) {
        throw new IllegalStateException(
            "command failed (exit "
                + exitCode
                + "): "
                + String.join(" ", command)
                + "\nstdout: "
                + stdout
                + "\nstderr: "
                + stderr);
      }
      return this;
    }
  }

  /**
   * Runs {@code tool args...} in {@code workDir} with extra environment variables; never throws on
   * exit code.
   */
  public Result run(Path workDir, Map<String, String> env, String tool, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary(tool).toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    Map<String, String> e = new HashMap<>(pb.environment());
    e.putAll(env);
    pb.environment().clear();
    pb.environment().putAll(e);
    try {
      Path out = Files.createTempFile("peer-out", ".txt");
      Path err = Files.createTempFile("peer-err", ".txt");
      pb.redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Process p = pb.start();
      if (!p.waitFor(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      Result r =
          new Result(
              p.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return r;
    } catch (IOException e1) {
      throw new IllegalStateException("cannot run " + command, e1);
    } catch (InterruptedException e2) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e2);
    }
  }

  /** Like {@link #run} but fails with the tool's output when it exits non-zero. */
  public Result runOk(Path workDir, Map<String, String> env, String tool, String... args) {
    List<String> command = new ArrayList<>(List.of(tool));
    command.addAll(List.of(args));
    return run(workDir, env, tool, args).requireSuccess(command);
  }
}
