package dev.imagegate.oci.internal;

import dev.imagegate.oci.ImageReference;
import java.net.URI;
import java.util.Set;

/**
 * Where a registry name is reached: HTTPS unless the exact {@code HOST[:PORT]} is listed as
 * insecure, and Docker Hub ({@code docker.io}) at {@code registry-1.docker.io}.
 */
record RegistryHosts(Set<String> insecure) {
  static final String DOCKER_HUB_HOST = "registry-1.docker.io";

  RegistryHosts {
    // The canonical spelling, as image references name registries (LOCALHOST:05000 is
    // localhost:5000).
    insecure =
        insecure.stream()
            .map(RegistryHosts::canonical)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  private static String canonical(String host) {
    try {
      return ImageReference.canonicalRegistry(host);
    } catch (IllegalArgumentException e) {
      return host;
    }
  }

  URI base(String registry) {
    String host = registry.equals(ImageReference.DOCKER_HUB) ? DOCKER_HUB_HOST : registry;
    return URI.create((insecure.contains(registry) ? "http://" : "https://") + host);
  }

  /**
   * Plain http is allowed to an authority (a token realm, say) only when that authority is listed.
   */
  boolean allowsPlainHttp(URI uri) {
    return uri.getAuthority() != null && insecure.contains(canonical(uri.getAuthority()));
  }
}
