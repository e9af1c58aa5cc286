package dev.imagegate.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.policy.ConfigMap;
import dev.imagegate.policy.PolicyException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a ConfigMap document; {@code data} values must be strings, as in Kubernetes. */
public final class ConfigMapReader {
  private ConfigMapReader() {}

  public static ConfigMap read(YamlDocument doc) {
    JsonNode root = doc.root();
    String name = root.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      throw new PolicyException(doc.valueAt("/metadata"), "ConfigMap needs metadata.name");
    }
    String namespace = root.path("metadata").path("namespace").asText("default");
    Map<String, String> data = new LinkedHashMap<>();
    JsonNode d = root.path("data");
    if (!d.isMissingNode() && !d.isNull()) {
      if (!d.isObject()) {
        throw new PolicyException(
            doc.valueAt("/data"), "ConfigMap data must be a mapping of strings");
      }
      for (Map.Entry<String, JsonNode> e : d.properties()) {
        if (!e.getValue().isTextual()) {
          throw new PolicyException(
              doc.valueAt("/data/" + Fields.escape(e.getKey())),
              "ConfigMap data."
                  + e.getKey()
                  + " must be a string (quote it), got "
                  + Fields.kind(e.getValue()));
        }
        data.put(e.getKey(), e.getValue().asText());
      }
    }
    return new ConfigMap(namespace, name, data, root, doc.valueAt(""));
  }
}
