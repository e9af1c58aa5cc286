package dev.imagegate.oci;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One repository of a registry, or an OCI image layout. Thread-safe. Every fetched manifest and
 * blob has its digest verified and its size bounded.
 */
public interface Repository {
  RepositoryName name();

  /**
   * Resolves a tag to the digest of the manifest it points to (HEAD, falling back to GET).
   *
   * @throws RegistryException when the tag does not exist ({@code NOT_FOUND}), access is denied,
   *     the registry or network fails after retries, or the operation deadline passes
   */
  Digest resolve(String tag) throws RegistryException;

  /**
   * Fetches a manifest by tag or digest (bounded by the client's manifest limit, 4 MiB by default).
   * Empty when the registry says the manifest does not exist; other failures throw.
   *
   * @throws RegistryException when access is denied, the manifest is larger than the limit, its
   *     bytes do not hash to the requested digest, its media type is unsupported, it is malformed,
   *     or the registry or network fails after retries or the deadline passes
   */
  Optional<Manifest> manifest(String tagOrDigest) throws RegistryException;

  /**
   * Fetches a blob, refusing more than {@code maxBytes} and checking its digest.
   *
   * @throws RegistryException when the blob is absent, larger than {@code maxBytes}, does not match
   *     the descriptor's size or digest, access is denied, or the registry or network fails
   */
  byte[] blob(Descriptor descriptor, long maxBytes) throws RegistryException;

  /**
   * Referrers of {@code subject}, filtered by {@code artifactType} when non-null: the referrers API
   * with pagination, falling back to the {@code sha256-<hex>} referrers tag schema when the
   * registry lacks the API.
   *
   * @throws RegistryException when the registry or network fails, an index page or the referrers
   *     tag is malformed or too large, or there are more pages than the client follows
   */
  List<Descriptor> referrers(Digest subject, @Nullable String artifactType)
      throws RegistryException;
}
