package dev.imagegate.oci.internal;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.MediaTypes;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import dev.imagegate.oci.RepositoryName;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /v2/<name>/manifests/<reference>}: the manifest bytes, bounded, with their digest
 * verified (by digest: the bytes must hash to it; by tag: the digest is computed, and must agree
 * with {@code Docker-Content-Digest} when sent). 404 means absent.
 */
record ManifestGetEndpoint(RepositoryName repository, String reference, long maxBytes)
    implements RegistryEndpoint<Optional<Manifest>> {
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
  public String pathAndQuery() {
    return "/v2/" + repository.path() + "/manifests/" + reference;
  }

  @Override
  public List<String> accept() {
    return MediaTypes.MANIFEST_ACCEPT;
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
      Digest expected = Digest.parse(reference);
      if (!expected.matches(bytes)) {
        throw mismatch(
            "content does not hash to the requested digest "
                + expected
                + " (got "
                + Digest.sha256(bytes)
                + ")");
      }
      return expected;
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
      if (!announced.matches(bytes)) {
        throw mismatch(
            "content does not hash to its Docker-Content-Digest "
                + announced
                + " (got "
                + Digest.sha256(bytes)
                + ")");
      }
      return announced;
    }
    return Digest.sha256(bytes);
  }

  private RegistryException mismatch(String what) {
    return new RegistryException(Kind.DIGEST_MISMATCH, 200, describe() + ": " + what, null);
  }
}
