package dev.imagegate.oci;

/**
 * Entry point: hands out {@link Repository} views for registries and OCI layouts, sharing connections,
 * credentials and token caches. Build one per process with {@link OciClientConfig} and reuse it.
 */
public interface OciClient extends AutoCloseable {
  Repository repository(RepositoryName name);

  default Repository repository(ImageReference ref) {
    return repository(ref.repositoryName());
  }

  /** Resolves a reference to its manifest digest (the digest itself when the reference carries one). */
  default Digest resolve(ImageReference ref) throws RegistryException {
    return ref.digest() != null ? ref.digest() : repository(ref).resolve(ref.tag());
  }

  /**
   * A view of this client that reports operations to {@code listener} (for example one listener per admission
   * decision), sharing connections, credentials, token caches and referrers-API knowledge with this client.
   * Closing the view does nothing; close the client it came from.
   */
  default OciClient withListener(OciEventListener listener) {
    throw new UnsupportedOperationException(getClass().getName() + " does not support listeners");
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
