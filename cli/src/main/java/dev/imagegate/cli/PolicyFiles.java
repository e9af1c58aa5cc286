package dev.imagegate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.engine.EngineConfig;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.PolicyEngines;
import dev.imagegate.ivpol.IvpolEngine;
import dev.imagegate.ivpol.IvpolLoad;
import dev.imagegate.ivpol.IvpolLoader;
import dev.imagegate.ivpol.ResourceLookup;
import dev.imagegate.policy.ConfigMap;
import dev.imagegate.policy.LoadResult;
import dev.imagegate.policy.LoadWarning;
import dev.imagegate.policy.PolicyException;
import dev.imagegate.policy.PolicyLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads {@code --policy} paths for the CLI: legacy kyverno.io policies and ImageValidatingPolicies
 * (policies.kyverno.io) side by side. Policy errors and documents imagegate cannot enforce become
 * usage errors (exit 2), warnings go to stderr.
 */
final class PolicyFiles {
  private PolicyFiles() {}

  /** Both kinds of policies from the same files. */
  record Loaded(LoadResult legacy, IvpolLoad ivpol) {}

  static LoadResult load(List<Path> paths, PrintWriter err) {
    return loadAll(paths, err).legacy();
  }

  /** A {@code --policy} path that does not exist is a usage error (exit 2). */
  static void requireExisting(List<Path> paths) {
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new UsageException("--policy " + p + ": no such file or directory");
      }
    }
  }

  static Loaded loadAll(List<Path> paths, PrintWriter err) {
    requireExisting(paths);
    LoadResult loaded;
    IvpolLoad ivpol;
    try {
      loaded = PolicyLoader.load(paths);
      ivpol = IvpolLoader.load(paths);
    } catch (PolicyException e) {
      throw new UsageException("policy error: " + e.getMessage(), e);
    }
    if (!ivpol.unsupported().isEmpty()) {
      throw new UsageException(
          "policy error: " + ivpol.unsupported().get(0) + unsupportedMore(ivpol));
    }
    for (LoadWarning w : loaded.warnings()) {
      if (!ownedByIvpol(w)) {
        err.println("Warning: " + w);
      }
    }
    for (LoadWarning w : ivpol.warnings()) {
      err.println("Warning: " + w);
    }
    // Policies Kyverno's admission validation refuses are not applied; each is listed with why.
    for (LoadResult.Rejected r : loaded.rejected()) {
      err.println("Error: invalid policy " + r + " (skipped)");
    }
    if (loaded.policies().isEmpty() && ivpol.policies().isEmpty()) {
      if (!loaded.rejected().isEmpty()) {
        throw new UsageException("no valid ClusterPolicy or Policy in " + paths);
      }
      throw new UsageException(
          "no ClusterPolicy, Policy, ImageValidatingPolicy or NamespacedImageValidatingPolicy found in "
              + paths);
    }
    err.flush();
    return new Loaded(loaded, ivpol);
  }

  private static String unsupportedMore(IvpolLoad ivpol) {
    int more = ivpol.unsupported().size() - 1;
    return more <= 0 ? "" : " (and " + more + " more)";
  }

  /** The legacy loader's "skipped" warning for documents the ivpol loader reads. */
  static boolean ownedByIvpol(LoadWarning w) {
    return w.message().contains(" is a ImageValidatingPolicy,")
        || w.message().contains(" is a NamespacedImageValidatingPolicy,");
  }

  /**
   * One engine over both kinds ({@code resources}: objects {@code resource.get/list} may read; the
   * verification cache is off, as in Kyverno's CLI).
   */
  static PolicyEngine engine(
      Loaded loaded, List<ConfigMap> configMaps, EngineConfig config, List<JsonNode> resources) {
    PolicyEngine ivpol = null;
    if (!loaded.ivpol().policies().isEmpty()) {
      try {
        ivpol =
            IvpolEngine.create(
                loaded.ivpol().policies(),
                loaded.ivpol().exceptions(),
                config,
                false,
                ResourceLookup.of(resources));
      } catch (PolicyException e) {
        throw new UsageException("policy error: " + e.getMessage(), e);
      }
    }
    if (loaded.legacy().policies().isEmpty() && ivpol != null) {
      return ivpol;
    }
    PolicyEngine legacy = PolicyEngines.create(loaded.legacy(), configMaps, config);
    return ivpol == null ? legacy : IvpolEngine.combine(legacy, ivpol);
  }
}
