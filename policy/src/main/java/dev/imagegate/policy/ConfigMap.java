package dev.imagegate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A ConfigMap document (for {@code context.configMap}); {@code object} is the whole document, as
 * Kyverno exposes it.
 */
public record ConfigMap(
    String namespace, String name, Map<String, String> data, JsonNode object, Location location) {
  public ConfigMap {
    data = Map.copyOf(data);
  }
}
