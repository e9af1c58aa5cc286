package dev.imagegate.ivpol.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.policy.PodController;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kyverno's built-in image extractors ({@code containers}, {@code initContainers}, {@code
 * ephemeralContainers}) per kind: the pod spec of Pods, the template of Deployments, StatefulSets,
 * DaemonSets, ReplicaSets and Jobs, the job template of CronJobs. Every key is present.
 */
public final class BuiltinImages {
  static final List<String> FIELDS = List.of("containers", "initContainers", "ephemeralContainers");

  private BuiltinImages() {}

  /** JSON pointer of the pod spec in an object of {@code kind}, or null for other kinds. */
  public static @Nullable String podSpecPointer(String kind) {
    return PodController.podSpecPointer(kind);
  }

  public static Map<String, List<String>> extract(String kind, @Nullable JsonNode object) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String pointer = podSpecPointer(kind);
    JsonNode spec = pointer == null || object == null ? null : object.at(pointer);
    for (String field : FIELDS) {
      List<String> images = new ArrayList<>();
      if (spec != null) {
        for (JsonNode c : spec.path(field)) {
          if (c.path("image").isTextual()) {
            images.add(c.path("image").asText());
          }
        }
      }
      out.put(field, List.copyOf(images));
    }
    return out;
  }
}
