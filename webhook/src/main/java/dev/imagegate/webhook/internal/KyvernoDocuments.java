package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.imagegate.webhook.PolicyDocument;

/**
 * Turns imagegate's own resources into the Kyverno documents the engine reads: a {@code
 * ClusterImagePolicy} becomes a {@code kyverno.io/v1 ClusterPolicy} and an {@code ImagePolicy} a
 * namespaced {@code Policy}, with the same name and the {@code spec} unchanged. A separate API
 * group keeps imagegate from fighting a Kyverno installation over the same objects.
 */
public final class KyvernoDocuments {
  public static final String GROUP = "imagegate.dev";
  public static final String VERSION = "v1alpha1";
  private static final YAMLMapper YAML = new YAMLMapper();

  private KyvernoDocuments() {}

  /**
   * @param kind {@code ClusterImagePolicy} or {@code ImagePolicy}
   * @param resource the object as the API server returns it (apiVersion, kind, metadata, spec)
   */
  public static PolicyDocument fromResource(String kind, JsonNode resource) {
    JsonNode metadata = resource.path("metadata");
    String name = metadata.path("name").asText("");
    String namespace = metadata.path("namespace").asText("");
    if (name.isEmpty()) {
      throw new IllegalArgumentException(kind + " without metadata.name");
    }
    JsonNode spec = resource.get("spec");
    if (spec == null || !spec.isObject()) {
      throw new IllegalArgumentException(kind + "/" + name + " has no spec object");
    }
    boolean clusterScoped = kind.equals("ClusterImagePolicy");
    ObjectNode policy = JsonNodeFactory.instance.objectNode();
    policy.put("apiVersion", "kyverno.io/v1");
    policy.put("kind", clusterScoped ? "ClusterPolicy" : "Policy");
    ObjectNode policyMetadata = policy.putObject("metadata");
    policyMetadata.put("name", name);
    if (!clusterScoped) {
      policyMetadata.put("namespace", namespace);
    }
    JsonNode annotations = metadata.get("annotations");
    if (annotations != null && annotations.isObject()) {
      policyMetadata.set(
          "annotations", annotations); // policies.kyverno.io/* descriptions show up in reports
    }
    policy.set("spec", spec);
    String origin = clusterScoped ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    try {
      return new PolicyDocument(origin, null, YAML.writeValueAsString(policy));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + origin + " as YAML", e);
    }
  }
}
