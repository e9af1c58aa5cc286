package dev.imagegate.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.imagegate.engine.PatchOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the mutate answer's JSONPatch: each verified image written as {@code IMAGE@DIGEST}
 * (Kyverno keeps the tag: {@code repo:signed@sha256:...}), and Kyverno's {@code
 * kyverno.io/verify-images} annotation recording what passed.
 */
final class Patches {
  static final String VERIFY_IMAGES_ANNOTATION = "kyverno.io/verify-images";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Patches() {}

  /**
   * @param pins JSON pointer of an image string -> the pinned value
   * @param verified image@digest -> "pass"
   */
  static List<PatchOperation> build(
      JsonNode resource, Map<String, String> pins, Map<String, String> verified) {
    List<PatchOperation> ops = new ArrayList<>();
    pins.forEach(
        (pointer, value) ->
            ops.add(new PatchOperation("replace", pointer, TextNode.valueOf(value))));
    Map<String, String> recorded = existing(resource);
    Map<String, String> merged = new LinkedHashMap<>(recorded);
    merged.putAll(verified);
    // Patch only what changes: an annotation that already records every verified image is left
    // alone, so a Pod whose images are all pinned and recorded is not mutated (a mutation makes
    // the API server re-run other IfNeeded webhooks).
    if (!verified.isEmpty() && !merged.equals(recorded)) {
      String json;
      try {
        json = JSON.writeValueAsString(merged);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      JsonNode annotations = resource.path("metadata").path("annotations");
      if (!annotations.isObject()) {
        ops.add(
            new PatchOperation(
                "add",
                "/metadata/annotations",
                JSON.createObjectNode().put(VERIFY_IMAGES_ANNOTATION, json)));
      } else {
        ops.add(
            new PatchOperation(
                annotations.has(VERIFY_IMAGES_ANNOTATION) ? "replace" : "add",
                "/metadata/annotations/"
                    + VERIFY_IMAGES_ANNOTATION.replace("~", "~0").replace("/", "~1"),
                TextNode.valueOf(json)));
      }
    }
    return ops;
  }

  private static Map<String, String> existing(JsonNode resource) {
    JsonNode v = resource.path("metadata").path("annotations").get(VERIFY_IMAGES_ANNOTATION);
    Map<String, String> out = new LinkedHashMap<>();
    if (v != null && v.isTextual()) {
      try {
        JSON.readTree(v.asText())
            .fields()
            .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
      } catch (java.io.IOException ignored) {
        // a malformed annotation is replaced by ours
      }
    }
    return out;
  }
}
