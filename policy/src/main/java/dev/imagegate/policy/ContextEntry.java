package dev.imagegate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** A rule {@code context} entry: a named value the rule's variables can use. */
public sealed interface ContextEntry {
  String name();

  Location location();

  /**
   * {@code configMap: {name, namespace}}: resolved from ConfigMap documents given alongside
   * policies or resources.
   */
  record ConfigMapRef(
      String name, String configMapName, String configMapNamespace, Location location)
      implements ContextEntry {}

  /** {@code variable: {value | jmesPath, default}}. */
  record Variable(
      String name,
      @Nullable JsonNode value,
      @Nullable String jmesPath,
      @Nullable JsonNode defaultValue,
      Location location)
      implements ContextEntry {}

  /**
   * {@code apiCall}, {@code imageRegistry}, {@code globalReference}: need a cluster or registry;
   * not evaluated offline.
   */
  record Unsupported(String name, String kind, Location location) implements ContextEntry {}
}
