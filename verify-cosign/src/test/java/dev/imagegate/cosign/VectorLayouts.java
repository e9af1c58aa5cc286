package dev.imagegate.cosign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.oci.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Materialises a vector case (manifest files and blobs) as an OCI image layout, so the vectors run
 * through the same layout source and verifier code paths as real images.
 */
final class VectorLayouts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final ArrayNode manifests;
  private final ObjectNode index;

  VectorLayouts(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    index =
        JSON.createObjectNode()
            .put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.index.v1+json");
    manifests = index.putArray("manifests");
  }

  Digest blob(byte[] content) throws IOException {
    Digest d = Digest.sha256(content);
    Files.write(dir.resolve("blobs/sha256/" + d.hex()), content);
    return d;
  }

  /** Adds a manifest (exact bytes) under a tag. */
  Digest manifest(byte[] bytes, String tag) throws IOException {
    Digest d = blob(bytes);
    String mediaType =
        JSON.readTree(bytes).path("mediaType").asText("application/vnd.oci.image.manifest.v1+json");
    ObjectNode m =
        manifests
            .addObject()
            .put("mediaType", mediaType)
            .put("digest", d.toString())
            .put("size", bytes.length);
    m.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
    return d;
  }

  void copyBlobs(Path blobDir) throws IOException {
    try (var files = Files.list(blobDir)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve("blobs/sha256/" + f.getFileName().toString()));
      }
    }
  }

  void write() throws IOException {
    Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
  }

  /**
   * Writes the image, the signature (or attestation) manifest and its blobs of a vector case;
   * returns the image digest.
   */
  static Digest materialise(Path layout, com.fasterxml.jackson.databind.JsonNode c, Path vectors)
      throws IOException {
    VectorLayouts l = new VectorLayouts(layout);
    Digest image =
        l.manifest(Files.readAllBytes(vectors.resolve(c.get("image").asText())), "image");
    boolean attestation = c.get("kind").asText().equals("dsse");
    String manifestField = attestation ? "attestationManifest" : "signatureManifest";
    if (c.hasNonNull(manifestField)) {
      l.manifest(
          Files.readAllBytes(vectors.resolve(c.get(manifestField).asText())),
          c.get(attestation ? "attestationTag" : "signatureTag").asText());
      if (c.hasNonNull("blobDir")) {
        l.copyBlobs(vectors.resolve(c.get("blobDir").asText()));
      } else {
        l.blob(
            Files.readAllBytes(
                vectors.resolve(c.get(attestation ? "envelope" : "payload").asText())));
      }
    }
    l.write();
    return image;
  }

  static Map<String, String> stringMap(com.fasterxml.jackson.databind.JsonNode n) {
    Map<String, String> m = new java.util.TreeMap<>();
    if (n != null) {
      n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    }
    return m;
  }
}
