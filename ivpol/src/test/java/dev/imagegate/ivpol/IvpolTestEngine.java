package dev.imagegate.ivpol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.EngineConfig;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.oci.OciClientConfig;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The engine the ivpol tests build from policy documents against their local registry, and the
 * admission decision they ask of it.
 */
final class IvpolTestEngine {
  private IvpolTestEngine() {}

  /**
   * An engine of {@code docs} (every one supported) that reaches the plain-HTTP registry {@code
   * host}.
   */
  static IvpolEngine create(
      String host, boolean cacheVerifications, @Nullable ResourceLookup resources, String... docs) {
    IvpolLoad load = IvpolLoader.parse(String.join("\n---\n", docs), "policy.yaml");
    assertThat(load.unsupported()).isEmpty();
    return IvpolEngine.create(
        load.policies(),
        EngineConfig.defaults()
            .withOci(OciClientConfig.defaults().withInsecureRegistries(Set.of(host))),
        cacheVerifications,
        resources);
  }

  /** The decision on {@code resource} in its own namespace, with a minute to decide. */
  static Decision decide(IvpolEngine e, JsonNode resource, AdmissionPhase phase) {
    return e.evaluate(
        ResourceRequest.create(resource, resource.path("metadata").path("namespace").asText()),
        phase,
        Instant.now().plusSeconds(60));
  }
}
