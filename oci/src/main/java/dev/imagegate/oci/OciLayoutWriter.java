package dev.imagegate.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.base.UntrustedJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes an OCI image layout directory from bytes: {@code oci-layout}, {@code blobs/sha256/<hex>}
 * and {@code index.json} (rewritten after each manifest). For fixtures and demos, not for
 * concurrent writers.
 *
 * <pre>{@code
 * OciLayoutWriter w = OciLayoutWriter.create(dir);
 * Descriptor config = w.putBlob("{}".getBytes(), MediaTypes.OCI_EMPTY);
 * Descriptor image = w.putManifest(manifestBytes, MediaTypes.OCI_MANIFEST, "v1");
 * }</pre>
 */
public final class OciLayoutWriter {
  /** The annotation naming a tag in {@code index.json}. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  private static final ObjectMapper JSON = UntrustedJson.mapper();
  private final Path dir;
  private final ArrayNode entries;

  private OciLayoutWriter(Path dir, ArrayNode entries) {
    this.dir = dir;
    this.entries = entries;
  }

  /** Creates the layout (or continues an existing one, keeping its index.json entries). */
  public static OciLayoutWriter create(Path dir) {
    try {
      Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      ArrayNode entries = JSON.createArrayNode();
      Path index = dir.resolve("index.json");
      if (Files.isRegularFile(index)) {
        JsonNode existing = JSON.readTree(index.toFile()).get("manifests");
        if (existing != null && existing.isArray()) {
          entries.addAll((ArrayNode) existing);
        }
      }
      OciLayoutWriter w = new OciLayoutWriter(dir, entries);
      w.writeIndex();
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create an OCI layout in " + dir, e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** Stores a blob of type {@code application/octet-stream}. */
  public Descriptor putBlob(byte[] bytes) {
    return putBlob(bytes, "application/octet-stream");
  }

  public Descriptor putBlob(byte[] bytes, String mediaType) {
    Digest digest = Digest.sha256(bytes);
    Path file = dir.resolve("blobs").resolve("sha256").resolve(digest.hex());
    try {
      if (!Files.exists(file)) {
        atomicWrite(file, bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write blob " + digest + " to " + dir, e);
    }
    return new Descriptor(mediaType, digest, bytes.length);
  }

  /**
   * Stores a manifest and lists it in index.json, tagged when {@code tagOrNull} is given (moving
   * the tag).
   */
  public Descriptor putManifest(byte[] bytes, String mediaType, @Nullable String tagOrNull) {
    return putManifest(bytes, mediaType, tagOrNull, Map.of());
  }

  /**
   * Like {@link #putManifest(byte[], String, String)} with extra index.json annotations (cosign's
   * {@code kind}).
   */
  public Descriptor putManifest(
      byte[] bytes, String mediaType, @Nullable String tagOrNull, Map<String, String> annotations) {
    Descriptor blob = putBlob(bytes, mediaType);
    Map<String, String> all = new LinkedHashMap<>(annotations);
    if (tagOrNull != null) {
      all.put(REF_NAME, tagOrNull);
      for (int i = entries.size() - 1; i >= 0; i--) {
        if (tagOrNull.equals(entries.get(i).path("annotations").path(REF_NAME).asText(null))) {
          entries.remove(i);
        }
      }
    }
    ObjectNode entry = entries.addObject();
    entry.put("mediaType", mediaType);
    entry.put("digest", blob.digest().toString());
    entry.put("size", bytes.length);
    if (!all.isEmpty()) {
      ObjectNode a = entry.putObject("annotations");
      all.forEach(a::put);
    }
    try {
      writeIndex();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve("index.json"), e);
    }
    return new Descriptor(mediaType, blob.digest(), bytes.length, all, null, null);
  }

  private void writeIndex() throws IOException {
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    index.set("manifests", entries);
    atomicWrite(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
  }

  private static void atomicWrite(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), ".tmp-", "");
    Files.write(tmp, bytes);
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
