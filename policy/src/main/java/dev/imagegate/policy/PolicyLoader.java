package dev.imagegate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.policy.internal.ConfigMapReader;
import dev.imagegate.policy.internal.PolicyParser;
import dev.imagegate.policy.internal.YamlDocument;
import dev.imagegate.policy.internal.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads Kyverno policies from YAML/JSON files and directories (recursively, {@code .yaml}, {@code
 * .yml}, {@code .json}, in name order). Documents of other kinds are skipped with a warning, except
 * ConfigMaps, which are kept for {@code context.configMap}. An invalid policy throws {@link
 * PolicyException} with its location.
 */
public final class PolicyLoader {
  /** Bound on files per load ({@link ManifestFiles#MAX_FILES}). */
  public static final int MAX_FILES = ManifestFiles.MAX_FILES;

  private PolicyLoader() {}

  public static LoadResult load(List<Path> paths) {
    List<Policy> policies = new ArrayList<>();
    List<ConfigMap> configMaps = new ArrayList<>();
    List<LoadWarning> warnings = new ArrayList<>();
    for (Path file : ManifestFiles.list(paths)) {
      for (YamlDocument doc : YamlReader.read(file.toString(), ManifestFiles.read(file))) {
        accept(doc, policies, configMaps, warnings);
      }
    }
    return validated(policies, configMaps, warnings);
  }

  /**
   * Loads from text; {@code source} names it in locations (e.g. a file name or {@code <stdin>}).
   */
  public static LoadResult parse(String content, String source) {
    List<Policy> policies = new ArrayList<>();
    List<ConfigMap> configMaps = new ArrayList<>();
    List<LoadWarning> warnings = new ArrayList<>();
    for (YamlDocument doc : YamlReader.read(source, content)) {
      accept(doc, policies, configMaps, warnings);
    }
    return validated(policies, configMaps, warnings);
  }

  /**
   * Kyverno's admission validation of every policy ({@link PolicyValidation}): invalid ones are set
   * aside as rejected, warnings (and the v1.19 deprecation notice of the legacy kinds, once per
   * policy) are kept.
   */
  private static LoadResult validated(
      List<Policy> parsed, List<ConfigMap> configMaps, List<LoadWarning> warnings) {
    List<Policy> valid = new ArrayList<>();
    List<LoadResult.Rejected> rejected = new ArrayList<>();
    for (Policy p : parsed) {
      warnings.add(new LoadWarning(p.location(), PolicyValidation.deprecation(p.kind())));
      List<String> errors = new ArrayList<>();
      for (LintFinding f : PolicyValidation.validate(p)) {
        if (f.severity() == LintFinding.Severity.ERROR) {
          errors.add(f.message());
        } else {
          warnings.add(new LoadWarning(f.location(), f.message()));
        }
      }
      if (errors.isEmpty()) {
        valid.add(p);
      } else {
        rejected.add(new LoadResult.Rejected(p, errors));
      }
    }
    return new LoadResult(valid, configMaps, warnings, rejected);
  }

  private static void accept(
      YamlDocument doc,
      List<Policy> policies,
      List<ConfigMap> configMaps,
      List<LoadWarning> warnings) {
    JsonNode root = doc.root();
    if (root == null || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      throw new PolicyException(
          doc.valueAt(""),
          "document " + doc.index() + " is not a mapping (a Kubernetes object was expected)");
    }
    String kind = root.path("kind").asText("");
    switch (kind) {
      case "ClusterPolicy", "Policy" -> policies.add(PolicyParser.parse(doc, warnings));
      case "ConfigMap" -> configMaps.add(ConfigMapReader.read(doc));
      default ->
          warnings.add(
              new LoadWarning(
                  doc.valueAt(""),
                  kind.isEmpty()
                      ? "document " + doc.index() + " has no kind; skipped"
                      : "document "
                          + doc.index()
                          + " is a "
                          + kind
                          + ", not a ClusterPolicy or Policy; skipped"));
    }
  }
}
