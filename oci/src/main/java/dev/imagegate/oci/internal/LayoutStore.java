package dev.imagegate.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of an OCI image layout: {@code oci-layout}, {@code index.json} and {@code
 * blobs/<alg>/<hex>}. Every read is bounded and every blob checked against its digest. {@code
 * index.json} is read afresh on each call so that a layout written while the client lives is seen.
 */
final class LayoutStore {
  static final long MAX_INDEX_BYTES = 16L * 1024 * 1024;
  private final Path dir;

  LayoutStore(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** The top-level descriptors of {@code index.json}, after checking {@code oci-layout}. */
  List<Descriptor> index() throws RegistryException {
    checkLayoutFile();
    byte[] bytes = readBounded(dir.resolve("index.json"), MAX_INDEX_BYTES, "index.json");
    try {
      JsonNode doc = Json.read(bytes);
      JsonNode manifests = doc.get("manifests");
      if (manifests == null || !manifests.isArray()) {
        throw new IOException("'manifests' is not an array");
      }
      if (manifests.size() > ManifestParser.MAX_DESCRIPTORS) {
        throw new IOException("more than " + ManifestParser.MAX_DESCRIPTORS + " entries");
      }
      List<Descriptor> out = new ArrayList<>();
      for (int i = 0; i < manifests.size(); i++) {
        out.add(ManifestParser.descriptor(manifests.get(i), "manifests[" + i + "]"));
      }
      return out;
    } catch (IOException e) {
      throw new RegistryException(
          Kind.PROTOCOL, 0, "reading " + dir.resolve("index.json") + ": " + e.getMessage(), e);
    }
  }

  private void checkLayoutFile() throws RegistryException {
    Path marker = dir.resolve("oci-layout");
    if (!Files.isRegularFile(marker)) {
      throw new RegistryException(
          Kind.NOT_FOUND, 0, dir + " is not an OCI image layout: no oci-layout file", null);
    }
    byte[] bytes = readBounded(marker, 4096, "oci-layout");
    try {
      String version = Json.text(Json.read(bytes), "imageLayoutVersion");
      if (version == null || !version.startsWith("1.")) {
        throw new IOException("imageLayoutVersion is " + version + ", expected 1.x");
      }
    } catch (IOException e) {
      throw new RegistryException(
          Kind.UNSUPPORTED, 0, "reading " + marker + ": " + e.getMessage(), e);
    }
  }

  /** The blob's bytes, verified against {@code digest}; empty when the layout does not hold it. */
  Optional<byte[]> blob(Digest digest, long maxBytes, String description) throws RegistryException {
    Path file = dir.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new RegistryException(
            Kind.TOO_LARGE,
            0,
            description + ": " + size + " bytes, more than the limit of " + maxBytes,
            null);
      }
      bytes = readBounded(file, maxBytes, description);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new RegistryException(
          Kind.NETWORK, 0, description + ": cannot read " + file + ": " + e.getMessage(), e);
    }
    if (!digest.matches(bytes)) {
      throw new RegistryException(
          Kind.DIGEST_MISMATCH, 0, description + ": " + file + " does not hash to " + digest, null);
    }
    return Optional.of(bytes);
  }

  private static byte[] readBounded(Path file, long max, String description)
      throws RegistryException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (bytes.length > max) {
        throw new RegistryException(
            Kind.TOO_LARGE,
            0,
            description + ": " + file + " is larger than " + max + " bytes",
            null);
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new RegistryException(
          Kind.NOT_FOUND, 0, description + ": " + file + " does not exist", e);
    } catch (IOException e) {
      throw new RegistryException(
          Kind.NETWORK, 0, description + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
