package dev.imagegate.oci.internal;

import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.oci.Repository;
import dev.imagegate.oci.RepositoryName;

/** Placeholder until the registry client lands (issue 3). */
public final class DefaultOciClient implements OciClient {
  public static OciClient create(OciClientConfig config) {
    return new DefaultOciClient();
  }

  @Override
  public Repository repository(RepositoryName name) {
    throw new UnsupportedOperationException("registry client not implemented yet");
  }

  @Override
  public void close() {}
}
