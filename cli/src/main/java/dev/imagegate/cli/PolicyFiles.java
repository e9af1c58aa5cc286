package dev.imagegate.cli;

import dev.imagegate.policy.LoadResult;
import dev.imagegate.policy.LoadWarning;
import dev.imagegate.policy.PolicyException;
import dev.imagegate.policy.PolicyLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads {@code --policy} paths for the CLI: policy errors become usage errors (exit 2), warnings go
 * to stderr.
 */
final class PolicyFiles {
  private PolicyFiles() {}

  static LoadResult load(List<Path> paths, PrintWriter err) {
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new UsageException("--policy " + p + ": no such file or directory");
      }
    }
    LoadResult loaded;
    try {
      loaded = PolicyLoader.load(paths);
    } catch (PolicyException e) {
      throw new UsageException("policy error: " + e.getMessage(), e);
    }
    for (LoadWarning w : loaded.warnings()) {
      err.println("Warning: " + w);
    }
    // Policies Kyverno's admission validation refuses are not applied; each is listed with why.
    for (LoadResult.Rejected r : loaded.rejected()) {
      err.println("Error: invalid policy " + r + " (skipped)");
    }
    if (loaded.policies().isEmpty() && !loaded.rejected().isEmpty()) {
      throw new UsageException("no valid ClusterPolicy or Policy in " + paths);
    }
    if (loaded.policies().isEmpty()) {
      throw new UsageException("no ClusterPolicy or Policy found in " + paths);
    }
    err.flush();
    return loaded;
  }
}
