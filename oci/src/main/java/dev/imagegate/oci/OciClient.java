package dev.imagegate.oci;

import java.util.Map;

/**
 * Entry point: hands out {@link Repository} views for registries and OCI layouts, sharing
 * connections, credentials and token caches. Build one per process with {@link OciClientConfig} and
 * reuse it.
 */
public interface OciClient extends AutoCloseable {
  Repository repository(RepositoryName name);

  default Repository repository(ImageReference ref) {
    return repository(ref.repositoryName());
  }

  /**
   * Resolves a reference to its manifest digest (the digest itself when the reference carries one).
   *
   * @throws RegistryException as {@link Repository#resolve(String)}; never when the reference
   *     carries a digest
   */
  default Digest resolve(ImageReference ref) throws RegistryException {
    return ref.digest() != null ? ref.digest() : repository(ref).resolve(ref.reference());
  }

  /**
   * A view of this client that reports operations to {@code listener} (for example one listener per
   * admission decision), sharing connections, credentials, token caches and referrers-API knowledge
   * with this client. Closing the view does nothing; close the client it came from.
   */
  default OciClient withListener(OciEventListener listener) {
    throw new UnsupportedOperationException(getClass().getName() + " does not support listeners");
  }

  /**
   * A view of this client that authenticates with {@code byRegistry} (for example the pull secrets
   * of one admission request): for a registry it consults that map first, then the docker config.
   * Keys are registry names as image references write them ({@code ghcr.io}, {@code
   * registry.example:5000}) or docker config keys ({@code https://index.docker.io/v1/}, {@code
   * http://host:5000}); {@code index.docker.io} and {@code registry-1.docker.io} mean {@code
   * docker.io} (see {@link RegistryCredentials#byRegistryName}).
   *
   * <p>The view shares connections, the registries' auth schemes and referrers-API knowledge with
   * this client, and keeps this view's listener; bearer tokens are shared only between requests
   * made with equal credentials, so a token obtained with one credential is never sent for another
   * view (or anonymously). The map replaces that of an earlier {@code withCredentials}; an empty
   * map means the docker config alone. Closing the view does nothing.
   */
  default OciClient withCredentials(Map<String, RegistryCredentials> byRegistry) {
    throw new UnsupportedOperationException(
        getClass().getName() + " does not support per-view credentials");
  }

  /**
   * A view of this client whose operations stop once {@code cancelled} returns true: no HTTP
   * request is started after that, and operations in progress fail with a {@link RegistryException}
   * of kind TIMEOUT at their next request. For work that nobody waits for any more (an admission
   * review that was answered or whose deadline passed). Shares everything else with this client,
   * including its credentials view and listener.
   */
  default OciClient withCancellation(java.util.function.BooleanSupplier cancelled) {
    return this;
  }

  static OciClient create(OciClientConfig config) {
    return dev.imagegate.oci.internal.DefaultOciClient.create(config, OciEventListener.NONE);
  }

  /** A client reporting every operation to {@code listener}. */
  static OciClient create(OciClientConfig config, OciEventListener listener) {
    return dev.imagegate.oci.internal.DefaultOciClient.create(config, listener);
  }

  @Override
  void close();
}
