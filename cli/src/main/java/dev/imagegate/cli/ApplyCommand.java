package dev.imagegate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.EngineConfig;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.engine.RuleResult;
import dev.imagegate.engine.RuleStatus;
import dev.imagegate.policy.ResourceLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imagegate apply}: runs Kyverno verifyImages policies over resource files, as {@code
 * kyverno apply} does: one line per resource and rule, a summary line, and optionally the mutated
 * resources.
 */
@Command(
    name = "apply",
    sortOptions = false,
    description = {
      "Apply Kyverno verifyImages policies to resources (like kyverno apply).",
      "Exit codes: 0 no Enforce rule failed, 1 an Enforce rule failed, 2 usage or policy error."
    })
final class ApplyCommand implements Callable<Integer>, CommandModels.AnnotatedWithGroups {
  @Spec CommandSpec spec;

  @Mixin PolicyOptions policies;

  @Option(
      names = {"-r", "--resource"},
      paramLabel = "FILE_OR_DIR",
      description = "Resource files or directories (repeatable).")
  List<Path> resources = new ArrayList<>();

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description =
          "JSON (or YAML) payload files for ImageValidatingPolicies with evaluation.mode JSON"
              + " (repeatable), as kyverno apply --json.")
  List<Path> jsonPayloads = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, json or yaml (default: ${DEFAULT-VALUE}).")
  String output = "text";

  @Option(
      names = "--print-mutated",
      description = "Also print the mutated resources (tags pinned to digests).")
  boolean printMutated;

  @Option(
      names = "--policy-report",
      description =
          "Also print a wgpolicyk8s.io PolicyReport per resource (YAML), as kyverno apply --policy-report.")
  boolean policyReport;

  @Option(
      names = "--explain",
      description =
          "Show how each decision was reached: every rule, every image with its digest and outcome, and the time spent per phase.")
  boolean explain;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "Deadline per resource (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  final RegistryOptions registry = new RegistryOptions();

  /** Added by {@link CommandModels#model} after the annotated options, then -h and -V. */
  @Override
  public List<CommandModels.OptionGroup> optionGroups() {
    return List.of(registry);
  }

  @Override
  public Integer call() throws Exception {
    if (!List.of("text", "json", "yaml").contains(output)) {
      throw new UsageException("--output must be text, json or yaml, not '" + output + "'");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (resources.isEmpty() && jsonPayloads.isEmpty()) {
      throw new UsageException("give --resource or --json");
    }
    PolicyFiles.Loaded loaded =
        PolicyFiles.loadAll(policies.existing(), spec.commandLine().getErr());
    List<JsonPayloads.Payload> payloads = JsonPayloads.load(jsonPayloads);
    for (Path r : resources) {
      if (!Files.exists(r)) {
        throw new UsageException("--resource " + r + ": no such file or directory");
      }
    }
    ResourceLoader.Resources res = ResourceLoader.load(resources);
    Map<String, Map<String, String>> namespaceLabels = namespaceLabels(res.resources());
    EngineConfig config = EngineConfig.defaults().withOci(registry.config());
    Map<RuleStatus, Integer> counts = new EnumMap<>(RuleStatus.class);
    for (RuleStatus s : RuleStatus.values()) {
      counts.put(s, 0);
    }
    ArrayNode results = JsonOutput.JSON.createArrayNode();
    List<JsonNode> mutated = new ArrayList<>();
    List<JsonNode> reports = new ArrayList<>();
    boolean blocked = false;
    try (PolicyEngine engine =
        PolicyFiles.engine(loaded, res.configMaps(), config, res.resources())) {
      List<JsonNode> inputs = new ArrayList<>(res.resources());
      Map<JsonNode, String> payloadNames = new java.util.IdentityHashMap<>();
      for (JsonPayloads.Payload p : payloads) {
        inputs.add(p.payload());
        payloadNames.put(p.payload(), p.name());
      }
      for (JsonNode resource : inputs) {
        String payloadName = payloadNames.get(resource);
        // A JSON payload has no namespace: only evaluation.mode JSON policies apply to it.
        String ns =
            payloadName != null
                ? ""
                : resource.path("metadata").path("namespace").asText("default");
        ResourceRequest req =
            ResourceRequest.builder(resource)
                .namespace(ns)
                .namespaceLabels(namespaceLabels.getOrDefault(ns, Map.of()))
                .build();
        Decision d =
            engine.evaluate(
                req,
                AdmissionPhase.BOTH,
                config.clock().instant().plus(Duration.ofSeconds(timeoutSeconds)));
        blocked |= !d.allowed();
        String name = payloadName != null ? payloadName : Resources.describe(resource);
        for (RuleResult r : d.results()) {
          counts.merge(r.status(), 1, Integer::sum);
          results.add(toJson(name, r));
          if (output.equals("text")) {
            out.println(
                r.status() + ": " + r.policy() + "/" + r.rule() + " " + name + ": " + r.message());
          }
        }
        JsonNode report =
            policyReport && payloadName == null
                ? dev.imagegate.engine.PolicyReports.of(resource, d, config.clock().instant())
                : null;
        if (report != null) {
          reports.add(report);
        }
        if (explain && output.equals("text")) {
          Explain.print(out, name, d);
        }
        if (printMutated && !d.patches().isEmpty()) {
          mutated.add(Resources.apply(resource, d.patches()));
        }
      }
    }
    String summary =
        "pass: "
            + counts.get(RuleStatus.PASS)
            + ", fail: "
            + counts.get(RuleStatus.FAIL)
            + ", warn: "
            + counts.get(RuleStatus.WARN)
            + ", error: "
            + counts.get(RuleStatus.ERROR)
            + ", skip: "
            + counts.get(RuleStatus.SKIP);
    if (output.equals("text")) {
      out.println();
      out.println(summary);
      for (JsonNode m : mutated) {
        out.println("---");
        out.print(new YAMLMapper().writeValueAsString(m).replaceFirst("^---\\n", ""));
      }
      for (JsonNode r : reports) {
        out.println("---");
        out.print(new YAMLMapper().writeValueAsString(r).replaceFirst("^---\\n", ""));
      }
    } else {
      ObjectNode doc = JsonOutput.JSON.createObjectNode();
      doc.set("results", results);
      ObjectNode s = doc.putObject("summary");
      counts.forEach((k, v) -> s.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
      if (printMutated) {
        doc.putArray("mutated").addAll(mutated);
      }
      if (policyReport) {
        doc.putArray("policyReports").addAll(reports);
      }
      out.println(
          output.equals("json")
              ? JsonOutput.JSON.writeValueAsString(doc)
              : new YAMLMapper().writeValueAsString(doc));
    }
    out.flush();
    return blocked ? Main.DENIED : Main.VERIFIED;
  }

  private static ObjectNode toJson(String resource, RuleResult r) {
    ObjectNode n = JsonOutput.JSON.createObjectNode();
    n.put("policy", r.policy());
    n.put("rule", r.rule());
    n.put("resource", resource);
    n.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
    n.put("enforce", r.enforce());
    n.put("message", r.message());
    ArrayNode imgs = n.putArray("images");
    for (RuleResult.ImageCheck c : r.images()) {
      imgs.addObject()
          .put("image", c.image())
          .put("digest", c.digest())
          .put("status", c.status().name().toLowerCase(java.util.Locale.ROOT))
          .put("message", c.message());
    }
    return n;
  }

  /** Labels of Namespace objects given among the resources, for namespaceSelector. */
  static Map<String, Map<String, String>> namespaceLabels(List<JsonNode> resources) {
    Map<String, Map<String, String>> out = new HashMap<>();
    for (JsonNode r : resources) {
      if (r.path("kind").asText().equals("Namespace")) {
        Map<String, String> labels = new HashMap<>();
        r.path("metadata")
            .path("labels")
            .fields()
            .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        out.put(r.path("metadata").path("name").asText(), labels);
      }
    }
    return out;
  }
}
