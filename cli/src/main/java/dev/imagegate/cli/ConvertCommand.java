package dev.imagegate.cli;

import dev.imagegate.ivpol.IvpolLoad;
import dev.imagegate.ivpol.IvpolLoader;
import dev.imagegate.ivpol.convert.Conversion;
import dev.imagegate.ivpol.convert.ConversionGap;
import dev.imagegate.ivpol.convert.PolicyConverter;
import dev.imagegate.policy.LoadResult;
import dev.imagegate.policy.Policy;
import dev.imagegate.policy.PolicyException;
import dev.imagegate.policy.PolicyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imagegate convert}: writes an ImageValidatingPolicy for each legacy ClusterPolicy/Policy
 * with verifyImages rules and reports what does not convert; with {@code --check}, evaluates the
 * legacy policies and their conversion on the same resources and registry and prints every
 * difference.
 */
@Command(
    name = "convert",
    sortOptions = false,
    description = {
      "Convert legacy Kyverno verifyImages policies (ClusterPolicy, Policy) to"
          + " ImageValidatingPolicies that decide the same; --check proves it on resources.",
      "Exit codes: 0 converted (or no differences), 1 gaps under --strict or differences under"
          + " --check, 2 usage or policy error, 3 a converter bug (a converted document that does"
          + " not load back)."
    })
final class ConvertCommand implements Callable<Integer>, CommandModels.AnnotatedWithGroups {
  @Spec CommandSpec spec;

  @Option(
      names = {"-p", "--policy"},
      paramLabel = "FILE_OR_DIR",
      required = true,
      description = "Legacy policy files or directories (repeatable).")
  List<Path> policies = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR|-",
      defaultValue = "-",
      description =
          "Write one file per policy into DIR, or a ---separated stream to stdout with - (default).")
  String output = "-";

  @Option(
      names = "--strict",
      description = "Any construct that does not convert is an error (exit 1).")
  boolean strict;

  @Option(
      names = "--check",
      description =
          "Evaluate the legacy policies and their conversion on --resource and report differences.")
  boolean check;

  @Option(
      names = {"-r", "--resource"},
      paramLabel = "FILE_OR_DIR",
      description = "Resources for --check (repeatable).")
  List<Path> resources = new ArrayList<>();

  @Option(
      names = "--converted",
      paramLabel = "FILE_OR_DIR",
      description =
          "With --check: compare against these ImageValidatingPolicies (e.g. an edited conversion)"
              + " instead of converting again.")
  List<Path> converted = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "With --check: deadline per resource (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  final RegistryOptions registry = new RegistryOptions();

  /**
   * The converter. A seam for the test that proves a converter bug exits 3 (ConvertCommandTest);
   * every production path uses {@link PolicyConverter#convert}.
   */
  Function<Policy, Conversion> converter = PolicyConverter::convert;

  /** Added by {@link CommandModels#model} after the annotated options, then -h and -V. */
  @Override
  public List<CommandModels.OptionGroup> optionGroups() {
    return List.of(registry);
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!check && (!resources.isEmpty() || !converted.isEmpty())) {
      throw new UsageException("--resource and --converted need --check");
    }
    if (check && resources.isEmpty()) {
      throw new UsageException("--check needs --resource");
    }
    LoadResult legacy = loadLegacy();
    List<Conversion> conversions = new ArrayList<>();
    for (Policy p : legacy.policies()) {
      if (p.rules().stream().anyMatch(r -> !r.verifyImages().isEmpty())) {
        conversions.add(converter.apply(p));
      }
    }
    if (conversions.isEmpty()) {
      throw new UsageException("no ClusterPolicy or Policy with verifyImages rules in " + policies);
    }
    List<ConversionGap> gaps = conversions.stream().flatMap(c -> c.gaps().stream()).toList();
    for (ConversionGap g : gaps) {
      err.println("gap: " + g);
    }
    StringBuilder all = new StringBuilder();
    conversions.forEach(c -> all.append(c.yaml()));
    IvpolLoad ivpol;
    if (!converted.isEmpty()) {
      ivpol = PolicyFiles.loadAll(converted, err).ivpol();
    } else {
      ivpol = selfCheck(all.toString());
    }
    if (check) {
      err.flush();
      return new ConvertCheck(spec.commandLine().getOut(), registry.config(), timeoutSeconds)
          .run(legacy, ivpol, resources);
    }
    int documents = conversions.stream().mapToInt(c -> c.policies().size()).sum();
    if (output.equals("-")) {
      out.print(all);
    } else {
      Path dir = Path.of(output);
      Files.createDirectories(dir);
      for (Conversion c : conversions) {
        Path f = dir.resolve(c.fileName());
        Files.writeString(f, c.yaml());
        err.println("wrote " + f + " (" + c.policies().size() + " ImageValidatingPolicies)");
      }
    }
    out.flush();
    err.println(
        "convert: "
            + conversions.size()
            + " legacy policies -> "
            + documents
            + " ImageValidatingPolicies, "
            + gaps.size()
            + (gaps.size() == 1 ? " gap" : " gaps")
            + (gaps.isEmpty() ? "" : " (TODO(imagegate convert) comments in the output)"));
    err.flush();
    return strict && !gaps.isEmpty() ? Main.DENIED : Main.VERIFIED;
  }

  private LoadResult loadLegacy() {
    for (Path p : policies) {
      if (!Files.exists(p)) {
        throw new UsageException("--policy " + p + ": no such file or directory");
      }
    }
    LoadResult legacy;
    try {
      legacy = PolicyLoader.load(policies);
    } catch (PolicyException e) {
      throw new UsageException("policy error: " + e.getMessage(), e);
    }
    if (!legacy.rejected().isEmpty()) {
      throw new UsageException("invalid policy " + legacy.rejected().get(0));
    }
    return legacy;
  }

  /** The written policies must load as imagegate reads them: anything else is a converter bug. */
  private static IvpolLoad selfCheck(String yaml) {
    try {
      IvpolLoad load = IvpolLoader.parse(yaml, "converted");
      if (!load.unsupported().isEmpty()) {
        throw new IllegalStateException("converted policy not loadable: " + load.unsupported());
      }
      return load;
    } catch (PolicyException e) {
      throw new IllegalStateException("converted policy not loadable: " + e.getMessage(), e);
    }
  }
}
