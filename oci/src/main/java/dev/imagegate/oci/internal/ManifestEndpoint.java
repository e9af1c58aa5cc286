package dev.imagegate.oci.internal;

import dev.imagegate.oci.MediaTypes;
import dev.imagegate.oci.RepositoryName;
import java.util.List;

/**
 * What the two endpoints on {@code /v2/<name>/manifests/<reference>} share, the route and the
 * accepted manifest types, so a GET and the HEAD that stands in for it can never ask for different
 * things. Each stays its own class (one class per registry endpoint).
 */
sealed interface ManifestEndpoint<T> extends RegistryEndpoint<T>
    permits ManifestGetEndpoint, ManifestHeadEndpoint {
  RepositoryName repository();

  /** A tag or a digest. */
  String reference();

  @Override
  default String pathAndQuery() {
    return "/v2/" + repository().path() + "/manifests/" + reference();
  }

  @Override
  default List<String> accept() {
    return MediaTypes.MANIFEST_ACCEPT;
  }
}
