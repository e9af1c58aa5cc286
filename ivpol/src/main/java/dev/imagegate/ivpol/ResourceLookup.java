package dev.imagegate.ivpol;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kyverno's {@code resource} library: objects from the cluster in {@code serve}, from the resource
 * files in {@code apply}. Implementations return plain JSON-shaped Java values.
 */
public interface ResourceLookup {
  /** The object, or null when absent. */
  @Nullable Map<String, Object> get(
      String apiVersion, String resource, String namespace, String name);

  /** The objects of that resource in the namespace ({@code ""} for all). */
  List<Map<String, Object>> list(String apiVersion, String resource, String namespace);

  /**
   * Objects given as files ({@code apply --resource}): matched by apiVersion, plural resource name
   * (lower-case kind + s), namespace and name.
   */
  static ResourceLookup of(List<com.fasterxml.jackson.databind.JsonNode> objects) {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    return new ResourceLookup() {
      private boolean same(
          com.fasterxml.jackson.databind.JsonNode o,
          String apiVersion,
          String resource,
          String ns) {
        return o.path("apiVersion").asText().equals(apiVersion)
            && dev.imagegate.ivpol.internal.Matching.resource(o.path("kind").asText())
                .equals(resource)
            && (ns.isEmpty() || o.path("metadata").path("namespace").asText("default").equals(ns));
      }

      @Override
      @SuppressWarnings("unchecked")
      public @Nullable Map<String, Object> get(
          String apiVersion, String resource, String namespace, String name) {
        for (var o : objects) {
          if (same(o, apiVersion, resource, namespace)
              && o.path("metadata").path("name").asText().equals(name)) {
            return json.convertValue(o, Map.class);
          }
        }
        return null;
      }

      @Override
      @SuppressWarnings("unchecked")
      public List<Map<String, Object>> list(String apiVersion, String resource, String namespace) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (var o : objects) {
          if (same(o, apiVersion, resource, namespace)) {
            out.add(json.convertValue(o, Map.class));
          }
        }
        return out;
      }
    };
  }

  /** No resources: get answers null, list nothing. */
  static ResourceLookup none() {
    return new ResourceLookup() {
      @Override
      public @Nullable Map<String, Object> get(
          String apiVersion, String resource, String namespace, String name) {
        return null;
      }

      @Override
      public List<Map<String, Object>> list(String apiVersion, String resource, String namespace) {
        return List.of();
      }
    };
  }
}
