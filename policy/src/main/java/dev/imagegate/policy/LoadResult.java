package dev.imagegate.policy;

import java.util.List;

/**
 * Policies read from files, ConfigMaps found beside them (for {@code context.configMap}), warnings,
 * and the policies Kyverno's admission validation would refuse ({@link PolicyValidation}): those
 * are not in {@code policies}, so no command evaluates them.
 */
public record LoadResult(
    List<Policy> policies,
    List<ConfigMap> configMaps,
    List<LoadWarning> warnings,
    List<Rejected> rejected) {
  public LoadResult {
    policies = List.copyOf(policies);
    configMaps = List.copyOf(configMaps);
    warnings = List.copyOf(warnings);
    rejected = List.copyOf(rejected);
  }

  public LoadResult(List<Policy> policies, List<ConfigMap> configMaps, List<LoadWarning> warnings) {
    this(policies, configMaps, warnings, List.of());
  }

  /** A policy Kyverno refuses, with Kyverno's reasons (field path and text). */
  public record Rejected(Policy policy, List<String> errors) {
    public Rejected {
      errors = List.copyOf(errors);
    }

    /**
     * {@code kind name: reason; reason}, as listed by {@code apply} and logged by {@code serve}.
     */
    @Override
    public String toString() {
      return policy.kind() + " " + policy.qualifiedName() + ": " + String.join("; ", errors);
    }
  }
}
