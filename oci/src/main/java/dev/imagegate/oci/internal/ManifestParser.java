package dev.imagegate.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses OCI/Docker manifests and indexes into {@link Manifest.Content}; refuses what it does not
 * understand.
 */
final class ManifestParser {
  /** Bound on descriptors in one manifest or index (a 4 MiB manifest holds about 20,000). */
  static final int MAX_DESCRIPTORS = 10_000;

  private static final int MAX_ANNOTATIONS = 1_000;

  private ManifestParser() {}

  /** Thrown for content that is not a well-formed manifest. */
  static final class MalformedManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedManifestException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Thrown for a media type this module does not read (schema 1, unknown artifacts). */
  static final class UnsupportedMediaTypeException extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedMediaTypeException(String message) {
      super(message);
    }
  }

  /**
   * Media type of a manifest: the one the transport or layout declared, checked against the
   * document's own {@code mediaType}; when nothing is declared, the document's member, else a guess
   * from its shape (OCI allows omitting {@code mediaType}).
   */
  static String mediaType(@Nullable String declared, JsonNode doc) throws IOException {
    String own = Json.text(doc, "mediaType");
    if (declared != null && own != null && !declared.equals(own)) {
      throw new IOException("declared as " + declared + " but the document says " + own);
    }
    if (declared != null) {
      return declared;
    }
    if (own != null) {
      return own;
    }
    return doc.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
  }

  static Manifest parse(byte[] bytes, @Nullable String declaredMediaType, Digest digest)
      throws MalformedManifestException, UnsupportedMediaTypeException {
    JsonNode doc;
    String mediaType;
    try {
      doc = Json.read(bytes);
      if (!doc.isObject()) {
        throw new IOException("not a JSON object");
      }
      mediaType = mediaType(declaredMediaType, doc);
    } catch (IOException e) {
      throw new MalformedManifestException(
          "malformed manifest " + digest + ": " + e.getMessage(), e);
    }
    if (!MediaTypes.isIndex(mediaType) && !MediaTypes.isManifest(mediaType)) {
      throw new UnsupportedMediaTypeException(
          "unsupported manifest media type '"
              + mediaType
              + "' of "
              + digest
              + " (readable: "
              + String.join(", ", MediaTypes.MANIFEST_ACCEPT)
              + ")");
    }
    try {
      JsonNode schema = doc.get("schemaVersion");
      if (schema == null || !schema.isInt() || schema.intValue() != 2) {
        throw new IOException("schemaVersion must be 2");
      }
      Descriptor self = new Descriptor(mediaType, digest, bytes.length);
      String artifactType = Json.text(doc, "artifactType");
      Descriptor subject = doc.has("subject") ? descriptor(doc.get("subject"), "subject") : null;
      Map<String, String> annotations = annotations(doc.get("annotations"), "annotations");
      Manifest.Content content;
      if (MediaTypes.isIndex(mediaType)) {
        content =
            new Manifest.ImageIndex(
                mediaType,
                artifactType,
                descriptors(doc.get("manifests"), "manifests", true),
                subject,
                annotations);
      } else {
        JsonNode layers = doc.get("layers");
        content =
            new Manifest.ImageManifest(
                mediaType,
                artifactType,
                descriptor(doc.get("config"), "config"),
                layers == null ? List.of() : descriptors(layers, "layers", false),
                subject,
                annotations);
      }
      return new Manifest(self, bytes, content);
    } catch (IOException | IllegalArgumentException e) {
      throw new MalformedManifestException(
          "malformed " + mediaType + " " + digest + ": " + e.getMessage(), e);
    }
  }

  private static List<Descriptor> descriptors(JsonNode array, String field, boolean required)
      throws IOException {
    if (array == null || array.isNull()) {
      if (required) {
        throw new IOException("'" + field + "' is missing");
      }
      return List.of();
    }
    if (!array.isArray()) {
      throw new IOException("'" + field + "' is not an array");
    }
    if (array.size() > MAX_DESCRIPTORS) {
      throw new IOException(
          "'" + field + "' has " + array.size() + " entries, more than " + MAX_DESCRIPTORS);
    }
    List<Descriptor> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(descriptor(array.get(i), field + "[" + i + "]"));
    }
    return out;
  }

  static Descriptor descriptor(JsonNode node, String where) throws IOException {
    if (node == null || !node.isObject()) {
      throw new IOException("'" + where + "' is not a descriptor object");
    }
    String mediaType = Json.text(node, "mediaType");
    String digest = Json.text(node, "digest");
    JsonNode size = node.get("size");
    if (mediaType == null || digest == null || size == null) {
      throw new IOException("'" + where + "' lacks mediaType, digest or size");
    }
    if (!size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 0) {
      throw new IOException("'" + where + ".size' is not a non-negative integer");
    }
    Digest d;
    try {
      d = Digest.parse(digest);
    } catch (IllegalArgumentException e) {
      throw new IOException("'" + where + ".digest': " + e.getMessage(), e);
    }
    Descriptor.Platform platform = null;
    JsonNode p = node.get("platform");
    if (p != null && p.isObject()) {
      platform =
          new Descriptor.Platform(
              Json.text(p, "os"), Json.text(p, "architecture"), Json.text(p, "variant"));
    }
    return new Descriptor(
        mediaType,
        d,
        size.longValue(),
        annotations(node.get("annotations"), where + ".annotations"),
        Json.text(node, "artifactType"),
        platform);
  }

  private static Map<String, String> annotations(JsonNode node, String where) throws IOException {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject() || node.size() > MAX_ANNOTATIONS) {
      throw new IOException(
          "'" + where + "' is not an object of at most " + MAX_ANNOTATIONS + " strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new IOException("'" + where + "." + e.getKey() + "' is not a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
