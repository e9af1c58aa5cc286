package dev.imagegate.policy;

import java.util.List;

/**
 * Policies read from files, ConfigMaps found beside them (for {@code context.configMap}), and
 * warnings.
 */
public record LoadResult(
    List<Policy> policies, List<ConfigMap> configMaps, List<LoadWarning> warnings) {
  public LoadResult {
    policies = List.copyOf(policies);
    configMaps = List.copyOf(configMaps);
    warnings = List.copyOf(warnings);
  }
}
