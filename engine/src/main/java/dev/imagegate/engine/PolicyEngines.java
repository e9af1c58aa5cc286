package dev.imagegate.engine;

import dev.imagegate.engine.internal.DefaultPolicyEngine;
import dev.imagegate.policy.ConfigMap;
import dev.imagegate.policy.LoadResult;
import dev.imagegate.policy.PolicyLoader;
import java.nio.file.Path;
import java.util.List;

/** Builds engines from policy files or already loaded policies. */
public final class PolicyEngines {
  private PolicyEngines() {}

  /**
   * Loads Kyverno policies (and ConfigMaps for {@code context}) from files and directories.
   *
   * @throws dev.imagegate.policy.PolicyException for an invalid policy (with file, line and column)
   */
  public static PolicyEngine load(List<Path> policyPaths, EngineConfig config) {
    return create(PolicyLoader.load(policyPaths), List.of(), config);
  }

  /**
   * An engine over loaded policies; {@code extraConfigMaps} supplement the ConfigMaps found beside
   * the policies.
   */
  public static PolicyEngine create(
      LoadResult loaded, List<ConfigMap> extraConfigMaps, EngineConfig config) {
    return DefaultPolicyEngine.create(loaded, extraConfigMaps, config);
  }
}
