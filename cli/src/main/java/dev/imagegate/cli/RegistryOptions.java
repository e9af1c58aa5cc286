package dev.imagegate.cli;

import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.OciClientConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Registry access options shared by the commands that read registries. Declared in code ({@link
 * CommandModels}): {@code verify} must not read annotations, and one declaration serves all.
 */
final class RegistryOptions implements CommandModels.OptionGroup {
  List<String> insecureRegistries = new ArrayList<>();

  @Nullable Path registryConfig;

  int timeoutSeconds;

  @Override
  public String mixinName() {
    return "registry";
  }

  @Override
  public CommandSpec mixin() {
    CommandSpec m = CommandSpec.wrapWithoutInspection(this);
    m.addOption(
        CommandModels.list(
                String.class,
                () -> insecureRegistries,
                v -> insecureRegistries = v,
                "--insecure-registry")
            .paramLabel("HOST[:PORT]")
            .description("Reach this registry over plain HTTP (repeatable). All others use HTTPS.")
            .build());
    m.addOption(
        CommandModels.path(() -> registryConfig, v -> registryConfig = v, "--registry-config")
            .paramLabel("FILE")
            .description(
                "Docker config.json with registry credentials (default: $DOCKER_CONFIG/config.json, then ~/.docker/config.json).")
            .build());
    m.addOption(
        CommandModels.integer(() -> timeoutSeconds, v -> timeoutSeconds = v, "--registry-timeout")
            .paramLabel("SECONDS")
            .defaultValue("30")
            .description(
                "Deadline for one registry operation, retries included (default: ${DEFAULT-VALUE}).")
            .build());
    return m;
  }

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
