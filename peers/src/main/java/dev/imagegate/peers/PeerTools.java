package dev.imagegate.peers;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder {@code bin/peers} installs the real tools into (cosign, cosign2, notation, oras,
 * crane, docker-registry): {@code ~/.cache/imagegate/peers/bin}, or the {@code bin} folder below
 * the one named by the {@code imagegate.peers} system property (the Maven build sets it).
 */
public final class PeerTools {
  private final Path bin;

  private PeerTools(Path bin) {
    this.bin = bin;
  }

  public static PeerTools installed() {
    String dir =
        System.getProperty(
            "imagegate.peers", System.getProperty("user.home") + "/.cache/imagegate/peers");
    return new PeerTools(Path.of(dir, "bin"));
  }

  /** True when the named tool is installed. */
  public boolean has(String name) {
    return Files.isExecutable(bin.resolve(name));
  }

  /**
   * The named tool's executable.
   *
   * @throws IllegalStateException when it is not installed (the message names {@code bin/peers})
   */
  public Path binary(String name) {
    Path p = bin.resolve(name);
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(
          name + " is not installed in " + bin + ": run bin/peers first");
    }
    return p;
  }
}
