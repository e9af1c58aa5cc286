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

  static OciClient create(OciClientConfig config) {
    return dev.imagegate.oci.internal.DefaultOciClient.create(config);
  }

  @Override
  void close();
}
