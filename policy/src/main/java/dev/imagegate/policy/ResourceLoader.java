package dev.imagegate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.policy.internal.ConfigMapReader;
import dev.imagegate.policy.internal.YamlDocument;
import dev.imagegate.policy.internal.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads Kubernetes resources to check (for {@code imagegate apply --resource}), with the same
 * bounds as policies. ConfigMaps are returned as resources and also as {@link ConfigMap}s for
 * {@code context.configMap}; a {@code List} is expanded into its items.
 */
public final class ResourceLoader {
  private ResourceLoader() {}

  public record Resources(List<JsonNode> resources, List<ConfigMap> configMaps) {
    public Resources {
      resources = List.copyOf(resources);
      configMaps = List.copyOf(configMaps);
    }
  }

  public static Resources load(List<Path> paths) {
    List<JsonNode> resources = new ArrayList<>();
    List<ConfigMap> configMaps = new ArrayList<>();
    for (Path file : ManifestFiles.list(paths)) {
      for (YamlDocument doc : YamlReader.read(file.toString(), ManifestFiles.read(file))) {
        JsonNode root = doc.root();
        if (root == null || root.isNull()) {
          continue;
        }
        if (!root.isObject() || !root.path("kind").isTextual()) {
          throw new PolicyException(
              doc.valueAt(""), "document " + doc.index() + " is not a Kubernetes object (no kind)");
        }
        if (root.path("kind").asText().equals("List")) {
          root.path("items").forEach(resources::add);
          continue;
        }
        if (root.path("kind").asText().equals("ConfigMap")) {
          configMaps.add(ConfigMapReader.read(doc));
        }
        resources.add(root);
      }
    }
    return new Resources(resources, configMaps);
  }
}
