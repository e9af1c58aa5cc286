package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the pod spec inside a workload: Pod, the pod controllers' {@code spec.template}, and
 * CronJob.
 */
final class PodSpecs {
  private PodSpecs() {}

  static Optional<JsonNode> of(JsonNode resource) {
    if (resource == null) {
      return Optional.empty();
    }
    for (String path : List.of("/spec/jobTemplate/spec/template/spec", "/spec/template/spec")) {
      JsonNode spec = resource.at(path);
      if (spec.isObject()) {
        return Optional.of(spec);
      }
    }
    JsonNode spec = resource.path("spec");
    return spec.has("containers") ? Optional.of(spec) : Optional.empty();
  }

  static String serviceAccount(JsonNode podSpec) {
    String name = podSpec.path("serviceAccountName").asText("");
    return name.isEmpty() ? "default" : name;
  }

  static List<String> imagePullSecretNames(JsonNode podSpec) {
    List<String> names = new ArrayList<>();
    for (JsonNode ref : podSpec.path("imagePullSecrets")) {
      String name = ref.path("name").asText("");
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }
}
