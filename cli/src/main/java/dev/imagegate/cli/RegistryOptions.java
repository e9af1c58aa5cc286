package dev.imagegate.cli;

import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.OciClientConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Registry access options shared by the commands that read registries. */
final class RegistryOptions {
  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST[:PORT]",
      description = "Reach this registry over plain HTTP (repeatable). All others use HTTPS.")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(
      names = "--registry-config",
      paramLabel = "FILE",
      description =
          "Docker config.json with registry credentials (default: $DOCKER_CONFIG/config.json, then ~/.docker/config.json).")
  @Nullable Path registryConfig;

  @Option(
      names = "--registry-timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "Deadline for one registry operation, retries included (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  OciClient client() {
    return OciClient.create(config());
  }

  OciClientConfig config() {
    if (registryConfig != null && !registryConfig.toFile().isFile()) {
      throw new UsageException("--registry-config " + registryConfig + ": no such file");
    }
    OciClientConfig cfg =
        OciClientConfig.defaults()
            .withInsecureRegistries(Set.copyOf(insecureRegistries))
            .withDockerConfig(registryConfig)
            .withOperationTimeout(Duration.ofSeconds(timeoutSeconds));
    return cfg;
  }
}
