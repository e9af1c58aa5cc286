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

  /** Resolves a tag to the digest of the manifest it points to (HEAD, falling back to GET). */
  Digest resolve(String tag) throws RegistryException;

  /**
   * Fetches a manifest by tag or digest (bounded by the client's manifest limit, 4 MiB by default).
   * Empty when the registry says the manifest does not exist; other failures throw.
   */
  Optional<Manifest> manifest(String tagOrDigest) throws RegistryException;

  /** Fetches a blob, refusing more than {@code maxBytes} and checking its digest. */
  byte[] blob(Descriptor descriptor, long maxBytes) throws RegistryException;

  /**
   * Referrers of {@code subject}, filtered by {@code artifactType} when non-null: the referrers API
   * with pagination, falling back to the {@code sha256-<hex>} referrers tag schema when the
   * registry lacks the API.
   */
  List<Descriptor> referrers(Digest subject, @Nullable String artifactType)
      throws RegistryException;
}
