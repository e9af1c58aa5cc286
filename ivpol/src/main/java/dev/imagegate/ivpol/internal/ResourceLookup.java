package dev.imagegate.ivpol.internal;

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
