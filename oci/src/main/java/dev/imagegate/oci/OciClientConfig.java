package dev.imagegate.oci;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Client settings.
 *
 * @param insecureRegistries hosts ({@code HOST[:PORT]}) reached over plain HTTP; all others use
 *     HTTPS
 * @param dockerConfig docker {@code config.json} with credentials, or null to use {@code
 *     DOCKER_CONFIG} / {@code ~/.docker/config.json}
 * @param operationTimeout deadline for one operation (a resolve, a manifest, a blob, a referrers
 *     listing, with retries)
 * @param maxManifestBytes bound on manifest size
 * @param maxRetries retries of 429/503 answers (bounded back-off, honouring Retry-After up to the
 *     deadline)
 */
public record OciClientConfig(
    Set<String> insecureRegistries,
    @Nullable Path dockerConfig,
    Duration operationTimeout,
    long maxManifestBytes,
    int maxRetries) {
  public static final long DEFAULT_MAX_MANIFEST_BYTES = 4L * 1024 * 1024;

  public OciClientConfig {
    insecureRegistries = Set.copyOf(insecureRegistries);
  }

  public static OciClientConfig defaults() {
    return new OciClientConfig(
        Set.of(), null, Duration.ofSeconds(30), DEFAULT_MAX_MANIFEST_BYTES, 3);
  }

  public OciClientConfig withInsecureRegistries(Set<String> hosts) {
    return new OciClientConfig(hosts, dockerConfig, operationTimeout, maxManifestBytes, maxRetries);
  }

  public OciClientConfig withDockerConfig(@Nullable Path path) {
    return new OciClientConfig(
        insecureRegistries, path, operationTimeout, maxManifestBytes, maxRetries);
  }

  public OciClientConfig withOperationTimeout(Duration d) {
    return new OciClientConfig(insecureRegistries, dockerConfig, d, maxManifestBytes, maxRetries);
  }

  public OciClientConfig withMaxManifestBytes(long bytes) {
    return new OciClientConfig(
        insecureRegistries, dockerConfig, operationTimeout, bytes, maxRetries);
  }

  public OciClientConfig withMaxRetries(int retries) {
    return new OciClientConfig(
        insecureRegistries, dockerConfig, operationTimeout, maxManifestBytes, retries);
  }
}
