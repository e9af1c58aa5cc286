package dev.imagegate.oci.internal;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import dev.imagegate.oci.RepositoryName;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /v2/<name>/manifests/<reference>}: the manifest bytes, bounded, with their digest
 * verified (by digest: the bytes must hash to it; by tag: the digest is computed, and must agree
 * with {@code Docker-Content-Digest} when sent). 404 means absent.
 */
record ManifestGetEndpoint(RepositoryName repository, String reference, long maxBytes)
    implements ManifestEndpoint<Optional<Manifest>> {
  /**
   * Content types that say nothing about the manifest kind; the document's own mediaType decides
   * then.
   */
  private static final Set<String> GENERIC_TYPES =
      Set.of("application/json", "text/plain", "application/octet-stream");

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public long maxBodyBytes() {
    return maxBytes;
  }

  @Override
  public String describe() {
    return "fetching manifest " + reference + " of " + repository;
  }

  @Override
  public boolean handles(int status) {
    return status == 200 || status == 404;
  }

  @Override
  public Optional<Manifest> handle(RegistryResponse r) throws RegistryException {
    if (r.status() == 404) {
      return Optional.empty();
    }
    byte[] bytes = r.body();
    Digest digest = verifiedDigest(bytes, r.header("docker-content-digest"));
    String declared = r.contentType();
    if (declared != null && GENERIC_TYPES.contains(declared)) {
      declared = null;
    }
    try {
      return Optional.of(ManifestParser.parse(bytes, declared, digest));
    } catch (ManifestParser.UnsupportedMediaTypeException e) {
      throw new RegistryException(
          Kind.UNSUPPORTED, r.status(), describe() + ": " + e.getMessage(), e);
    } catch (ManifestParser.MalformedManifestException e) {
      throw new RegistryException(Kind.PROTOCOL, r.status(), describe() + ": " + e.getMessage(), e);
    }
  }

  private Digest verifiedDigest(byte[] bytes, @Nullable String header) throws RegistryException {
    if (reference.contains(":")) {
      return matching(Digest.parse(reference), bytes, "the requested digest");
    }
    if (header != null) {
      Digest announced;
      try {
        announced = Digest.parse(header.trim());
      } catch (IllegalArgumentException e) {
        throw new RegistryException(
            Kind.PROTOCOL,
            200,
            describe() + ": unusable Docker-Content-Digest: " + e.getMessage(),
            e);
      }
      return matching(announced, bytes, "its Docker-Content-Digest");
    }
    return Digest.sha256(bytes);
  }

  /** {@code digest} when the bytes hash to it, else a mismatch naming it as {@code named}. */
  private Digest matching(Digest digest, byte[] bytes, String named) throws RegistryException {
    if (!digest.matches(bytes)) {
      throw new RegistryException(
          Kind.DIGEST_MISMATCH,
          200,
          describe()
              + ": content does not hash to "
              + named
              + " "
              + digest
              + " (got "
              + Digest.sha256(bytes)
              + ")",
          null);
    }
    return digest;
  }
}
