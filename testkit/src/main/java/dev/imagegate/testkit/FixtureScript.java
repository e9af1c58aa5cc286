package dev.imagegate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The repository's fixture scripts ({@code fixtures/<kind>/make-*.sh SCRIPT REGISTRY_HOST
 * OUT_DIR}), which sign images in a real registry with the real cosign or notation: run with the
 * peers first on {@code PATH}, their output logged into the out folder, and a failure reported with
 * that log.
 */
public final class FixtureScript {
  private FixtureScript() {}

  /** The repository root, as the Maven build names it ({@code imagegate.root}). */
  public static Path repositoryRoot() {
    return Path.of(System.getProperty("imagegate.root", ".."));
  }

  /**
   * Runs {@code script} (relative to the repository root) against the registry {@code host},
   * writing into {@code out}; its log is {@code out/LOG}. Throws {@link AssertionError} with the
   * log when it fails.
   */
  public static void run(Peers peers, String script, String host, Path out, String log) {
    runWith(peers, script, out.resolve(log), host, out.toString());
  }

  /** Like {@link #run}, for a script that takes other arguments. */
  public static void runWith(Peers peers, String script, Path log, String... args) {
    List<String> command =
        new ArrayList<>(List.of("bash", repositoryRoot().resolve(script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Every peer sits in one bin folder: cosign's is notation's too.
    pb.environment().put("PATH", peers.binary("cosign").getParent() + ":" + System.getenv("PATH"));
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      int code = pb.start().waitFor();
      if (code != 0) {
        throw new AssertionError(script + " exited " + code + ": " + Files.readString(log), null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + script, e);
    }
  }
}
