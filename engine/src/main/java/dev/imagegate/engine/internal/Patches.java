package dev.imagegate.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.imagegate.engine.PatchOperation;
import dev.imagegate.engine.PooledJson;
import dev.imagegate.oci.Digest;
import dev.imagegate.verify.VerifiedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the mutate answer's JSONPatch: each pinned image written as {@code IMAGE@DIGEST} (Kyverno
 * keeps the tag: {@code repo:signed@sha256:...}), and Kyverno's {@code kyverno.io/verify-images}
 * ({@code {"IMAGE": "pass"}}) and v1.19's {@code kyverno.io/verify-images-scoped} ({@code
 * {"version":1,"policies":{"NS/POLICY":{"RULE":{"IMAGE":"pass"}}}}}) annotations, IMAGE as Kyverno
 * prints it (pkg/engine/api/imageverifymetadata.go). Both annotations are written from this
 * request's results only: what the resource already carries is never read.
 */
final class Patches {
  static final String VERIFY_IMAGES_ANNOTATION = "kyverno.io/verify-images";
  static final String VERIFY_IMAGES_SCOPED_ANNOTATION = "kyverno.io/verify-images-scoped";

  private static final ObjectMapper JSON = PooledJson.mapper();

  private Patches() {}

  /**
   * A digest to write at {@code pointer}. {@code proof} is what verified the image, null when its
   * entry verifies nothing or skips it (Kyverno pins those too); a proof must be for {@code
   * digest}.
   */
  record Pin(String pointer, String image, Digest digest, @Nullable VerifiedImage proof) {
    Pin {
      if (proof != null && !proof.digest().equals(digest)) {
        throw new IllegalStateException(
            "refusing to pin " + image + " to " + digest + ": the proof is for " + proof.digest());
      }
    }

    String value() {
      return image + "@" + digest;
    }
  }

  /** The verification metadata of one request (ImageVerificationMetadata). */
  static final class Metadata {
    private final Map<String, String> images = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, String>>> scoped = new LinkedHashMap<>();

    synchronized void add(
        String namespace, String policy, String rule, String image, String status) {
      images.put(image, status);
      scoped
          .computeIfAbsent(namespace + "/" + policy, k -> new LinkedHashMap<>())
          .computeIfAbsent(rule, k -> new LinkedHashMap<>())
          .put(image, status);
    }

    synchronized boolean isEmpty() {
      return images.isEmpty();
    }
  }

  static List<PatchOperation> build(JsonNode resource, List<Pin> pins, Metadata metadata) {
    List<PatchOperation> ops = new ArrayList<>();
    for (Pin p : pins) {
      ops.add(new PatchOperation("replace", p.pointer(), TextNode.valueOf(p.value())));
    }
    if (metadata.isEmpty()) {
      return ops;
    }
    String images;
    String scoped;
    synchronized (metadata) {
      ObjectNode s = JSON.createObjectNode().put("version", 1);
      s.set("policies", JSON.valueToTree(metadata.scoped));
      images = write(JSON.valueToTree(metadata.images));
      scoped = write(s);
    }
    JsonNode annotations = resource.path("metadata").path("annotations");
    if (!annotations.isObject()) {
      ops.add(
          new PatchOperation(
              "add",
              "/metadata/annotations",
              JSON.createObjectNode()
                  .put(VERIFY_IMAGES_ANNOTATION, images)
                  .put(VERIFY_IMAGES_SCOPED_ANNOTATION, scoped)));
      return ops;
    }
    // Patch only what changes: an annotation that already holds exactly this request's value is
    // left alone, so a Pod whose images are all pinned and recorded is not mutated (a mutation
    // makes
    // the API server re-run other IfNeeded webhooks). The incoming value is compared, never
    // trusted.
    annotation(annotations, VERIFY_IMAGES_ANNOTATION, images).ifPresent(ops::add);
    annotation(annotations, VERIFY_IMAGES_SCOPED_ANNOTATION, scoped).ifPresent(ops::add);
    return ops;
  }

  private static java.util.Optional<PatchOperation> annotation(
      JsonNode annotations, String key, String value) {
    JsonNode existing = annotations.get(key);
    if (existing != null && existing.isTextual() && existing.asText().equals(value)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new PatchOperation(
            existing != null ? "replace" : "add",
            "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1"),
            TextNode.valueOf(value)));
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
