package dev.imagegate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.policy.internal.ConfigMapReader;
import dev.imagegate.policy.internal.PolicyParser;
import dev.imagegate.policy.internal.YamlDocument;
import dev.imagegate.policy.internal.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads Kyverno policies from YAML/JSON files and directories (recursively, {@code .yaml}, {@code
 * .yml}, {@code .json}, in name order). Documents of other kinds are skipped with a warning, except
 * ConfigMaps, which are kept for {@code context.configMap}. An invalid policy throws {@link
 * PolicyException} with its location.
 */
public final class PolicyLoader {
  public static final int MAX_FILES = 10_000;

  private PolicyLoader() {}

  public static LoadResult load(List<Path> paths) {
    List<Policy> policies = new ArrayList<>();
    List<ConfigMap> configMaps = new ArrayList<>();
    List<LoadWarning> warnings = new ArrayList<>();
    for (Path file : files(paths)) {
      for (YamlDocument doc : YamlReader.read(file.toString(), read(file))) {
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

  static List<Path> files(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          // Stop listing one past the bound: a directory of millions of files is refused
          // without holding all their names.
          walk.filter(Files::isRegularFile)
              .filter(PolicyLoader::isManifest)
              .limit(MAX_FILES + 1L - out.size())
              .sorted()
              .forEach(out::add);
        } catch (IOException e) {
          throw new PolicyException(
              Location.unknown(p.toString()), "cannot list directory: " + e.getMessage(), e);
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new PolicyException(Location.unknown(p.toString()), "no such file or directory");
      }
      if (out.size() > MAX_FILES) {
        throw new PolicyException(
            Location.unknown(p.toString()), "more than " + MAX_FILES + " files");
      }
    }
    return out;
  }

  private static boolean isManifest(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }

  static String read(Path file) {
    try {
      if (Files.size(file) > YamlReader.MAX_CHARS) {
        throw new PolicyException(
            Location.unknown(file.toString()),
            "file larger than " + YamlReader.MAX_CHARS + " bytes");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PolicyException(
          Location.unknown(file.toString()), "cannot read: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new PolicyException(
          Location.unknown(file.toString()), "cannot read (not UTF-8?): " + e.getMessage(), e);
    }
  }
}
