package dev.imagegate.oci.internal;

import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import dev.imagegate.oci.RepositoryName;
import java.util.List;

/**
 * {@code GET /v2/<name>/blobs/<digest>}: the blob, bounded by the caller's limit (refused early by
 * Content-Length, cut off past the limit), checked against the descriptor's size and digest.
 * Registries often redirect this request to storage; the transport follows without the
 * Authorization header.
 */
record BlobGetEndpoint(RepositoryName repository, Descriptor descriptor, long maxBytes)
    implements RegistryEndpoint<byte[]> {
  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String pathAndQuery() {
    return "/v2/" + repository.path() + "/blobs/" + descriptor.digest();
  }

  @Override
  public List<String> accept() {
    return List.of("*/*");
  }

  @Override
  public long maxBodyBytes() {
    return maxBytes;
  }

  @Override
  public String describe() {
    return "fetching blob " + descriptor.digest() + " of " + repository;
  }

  @Override
  public boolean followsCrossOriginRedirects() {
    return true;
  }

  @Override
  public byte[] handle(RegistryResponse r) throws RegistryException {
    return verify(r.body(), descriptor, describe());
  }

  /** Size and digest check shared with OCI layouts. */
  static byte[] verify(byte[] bytes, Descriptor descriptor, String description)
      throws RegistryException {
    if (bytes.length != descriptor.size()) {
      throw new RegistryException(
          Kind.DIGEST_MISMATCH,
          0,
          description
              + ": got "
              + bytes.length
              + " bytes, the descriptor says "
              + descriptor.size(),
          null);
    }
    if (!descriptor.digest().matches(bytes)) {
      throw new RegistryException(
          Kind.DIGEST_MISMATCH,
          0,
          description + ": content does not hash to " + descriptor.digest(),
          null);
    }
    return bytes;
  }
}
