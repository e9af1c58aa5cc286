package dev.imagegate.testkit;

import dev.imagegate.peers.RegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real CNCF distribution registry (peers {@link RegistryServer}, which the CLI's demo uses too)
 * on a free loopback port with its storage in a temporary folder. Plain HTTP, so clients must name
 * it as an insecure registry. Deletes are enabled so tests can reshape fixtures.
 */
public final class LocalRegistry implements AutoCloseable {
  private final RegistryServer server;

  private LocalRegistry(RegistryServer server) {
    this.server = server;
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
      return new LocalRegistry(
          RegistryServer.start(peers.binary("docker-registry"), root, extraConfig));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the local registry", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted starting the local registry", e);
    }
  }

  /** {@code 127.0.0.1:PORT}, the host part of image references in this registry. */
  public String host() {
    return server.host();
  }

  public int port() {
    return server.port();
  }

  public Path root() {
    return server.root();
  }

  @Override
  public void close() {
    server.close();
  }
}
