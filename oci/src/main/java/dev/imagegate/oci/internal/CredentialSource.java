package dev.imagegate.oci.internal;

import dev.imagegate.oci.RegistryCredentials;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a client view finds the credentials for a registry: credentials given to the view ({@code
 * OciClient.withCredentials}, keyed by registry name) first, then the docker config.
 */
final class CredentialSource {
  private final DockerCredentials docker;
  private final Map<String, RegistryCredential> given;

  CredentialSource(DockerCredentials docker) {
    this(docker, Map.of());
  }

  private CredentialSource(DockerCredentials docker, Map<String, RegistryCredential> given) {
    this.docker = docker;
    this.given = given;
  }

  /**
   * A source consulting {@code byKey} (keys as docker config or pull secrets write them) before the
   * docker config.
   */
  CredentialSource with(Map<String, RegistryCredentials> byKey) {
    Map<String, RegistryCredential> converted = new HashMap<>();
    RegistryCredentials.byRegistryName(byKey)
        .forEach(
            (registry, c) ->
                converted.put(
                    registry,
                    new RegistryCredential(c.username(), c.password(), c.identityToken())));
    return new CredentialSource(docker, Map.copyOf(converted));
  }

  Optional<RegistryCredential> lookup(String registry) {
    RegistryCredential c = given.get(registry);
    return c != null ? Optional.of(c) : docker.lookup(registry);
  }
}
