package dev.imagegate.oci;

import dev.imagegate.testkit.FaultProxy;
import dev.imagegate.testkit.Fixtures;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real registry behind a {@link FaultProxy}; each test adds the rules that make it misbehave. */
abstract class ProxiedRegistryTestBase {
  static final Peers PEERS = Peers.installed();
  static LocalRegistry registry;
  static Fixtures fixtures;
  @TempDir static Path work;
  FaultProxy proxy;

  @BeforeAll
  static void startRegistry() {
    Prerequisites.peers("crane");
    registry = LocalRegistry.start(PEERS);
    fixtures = new Fixtures(PEERS, work);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void startProxy() {
    proxy = FaultProxy.start(registry.host());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  /**
   * A client that reaches the proxy (and any extra hosts) over plain HTTP, with no docker
   * credentials.
   */
  OciClient client(Duration timeout, String... moreInsecure) {
    Set<String> hosts = new java.util.HashSet<>(List.of(moreInsecure));
    hosts.add(proxy.host());
    return OciClient.create(
        OciClientConfig.defaults()
            .withInsecureRegistries(hosts)
            .withDockerConfig(work.resolve("absent-config.json"))
            .withOperationTimeout(timeout));
  }

  OciClient client() {
    return client(Duration.ofSeconds(20));
  }

  /** The image {@code repo:tag} as seen through the proxy. */
  ImageReference viaProxy(String repoAndTag) {
    return ImageReference.parse(proxy.host() + "/" + repoAndTag);
  }

  long count(String method, String pathPart) {
    return proxy.requests().stream()
        .filter(r -> r.method().equals(method) && r.path().contains(pathPart))
        .count();
  }
}
