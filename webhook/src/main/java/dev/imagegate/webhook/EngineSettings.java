package dev.imagegate.webhook;

import dev.imagegate.engine.EngineConfig;
import dev.imagegate.ivpol.ResourceLookup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of {@code imagegate serve} that concern the engine rather than the HTTP server.
 *
 * @param insecureRegistries registries reached over plain HTTP / unverified TLS ({@code
 *     --insecure-registry})
 * @param registryConfig a docker {@code config.json} with static credentials ({@code
 *     --registry-config}), or null
 * @param pullSecrets per-request credentials from Kubernetes pull secrets; the webhook already
 *     calls it once per review and hands the result to the engine in {@code
 *     ResourceRequest.registryCredentials()} (preferred over {@code registryConfig}), so engines
 *     need not call it themselves
 * @param reviewDeadline the time budget of one review (the engine receives the absolute deadline
 *     per call)
 * @param workDirectory a private writable directory (e.g. for {@link PolicySet#materialize})
 * @param resources what ImageValidatingPolicies' {@code resource.get/list} read: the cluster with
 *     {@code --kubernetes}, else the {@code --resource} files, else nothing
 * @param tagCacheTtl how long the engine keeps a tag's digest ({@link
 *     dev.imagegate.engine.EngineConfig#resolveTtl()}; the server uses the engine's default, 30 s;
 *     the start-up warm-up a short one, so that its reviews also run the background refresh)
 */
public record EngineSettings(
    List<String> insecureRegistries,
    @Nullable Path registryConfig,
    PullSecretResolver pullSecrets,
    Duration reviewDeadline,
    Path workDirectory,
    ResourceLookup resources,
    Duration tagCacheTtl) {
  public EngineSettings {
    insecureRegistries = List.copyOf(insecureRegistries);
    Objects.requireNonNull(pullSecrets, "pullSecrets");
    Objects.requireNonNull(reviewDeadline, "reviewDeadline");
    Objects.requireNonNull(workDirectory, "workDirectory");
    Objects.requireNonNull(resources, "resources");
    if (tagCacheTtl.isNegative() || tagCacheTtl.isZero()) {
      throw new IllegalArgumentException("tagCacheTtl must be positive: " + tagCacheTtl);
    }
  }

  /** With the engine's default tag cache lifetime. */
  public EngineSettings(
      List<String> insecureRegistries,
      @Nullable Path registryConfig,
      PullSecretResolver pullSecrets,
      Duration reviewDeadline,
      Path workDirectory,
      ResourceLookup resources) {
    this(
        insecureRegistries,
        registryConfig,
        pullSecrets,
        reviewDeadline,
        workDirectory,
        resources,
        EngineConfig.defaults().resolveTtl());
  }
}
