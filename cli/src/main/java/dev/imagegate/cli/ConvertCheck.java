package dev.imagegate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.EngineConfig;
import dev.imagegate.engine.PatchOperation;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.PolicyEngines;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.engine.RuleResult;
import dev.imagegate.engine.RuleStatus;
import dev.imagegate.ivpol.IvpolEngine;
import dev.imagegate.ivpol.IvpolLoad;
import dev.imagegate.ivpol.ResourceLookup;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.policy.ConfigMap;
import dev.imagegate.policy.LoadResult;
import dev.imagegate.policy.PolicyException;
import dev.imagegate.policy.ResourceLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code convert --check}: the legacy engine and the ImageValidatingPolicy engine on the same
 * resources and registry. The conversion is run as a cluster would run it: the mutating phase
 * (digest pins) first, then validation of the mutated resource. Compared per resource: the decision
 * (allowed or denied), the message class (pass, warn, deny) and the digest each image was pinned
 * to.
 */
final class ConvertCheck {
  private final PrintWriter out;
  private final EngineConfig config;
  private final int timeoutSeconds;

  ConvertCheck(PrintWriter out, OciClientConfig oci, int timeoutSeconds) {
    this.out = out;
    this.config = EngineConfig.defaults().withOci(oci);
    this.timeoutSeconds = timeoutSeconds;
  }

  int run(LoadResult legacy, IvpolLoad converted, List<Path> resourcePaths) {
    for (Path r : resourcePaths) {
      if (!Files.exists(r)) {
        throw new UsageException("--resource " + r + ": no such file or directory");
      }
    }
    ResourceLoader.Resources res = ResourceLoader.load(resourcePaths);
    List<ConfigMap> configMaps = new ArrayList<>(legacy.configMaps());
    configMaps.addAll(res.configMaps());
    // resource.get in the conversion sees the same objects the legacy context reads
    List<JsonNode> objects = new ArrayList<>(res.resources());
    configMaps.forEach(c -> objects.add(c.object()));
    Map<String, Map<String, String>> nsLabels = ApplyCommand.namespaceLabels(res.resources());
    int images = 0;
    int differences = 0;
    int evaluated = 0;
    try (PolicyEngine old = PolicyEngines.create(legacy, configMaps, config);
        PolicyEngine neu = ivpolEngine(converted, objects)) {
      for (JsonNode resource : res.resources()) {
        String kind = resource.path("kind").asText();
        if (kind.equals("Namespace") || kind.equals("ConfigMap")) {
          continue;
        }
        evaluated++;
        String ns = resource.path("metadata").path("namespace").asText("default");
        Map<String, String> labels = nsLabels.getOrDefault(ns, Map.of());
        ResourceRequest req =
            ResourceRequest.builder(resource).namespace(ns).namespaceLabels(labels).build();
        Decision a = old.evaluate(req, AdmissionPhase.BOTH, deadline());
        Decision m = neu.evaluate(req, AdmissionPhase.MUTATE, deadline());
        JsonNode mutated = Resources.apply(resource, m.patches());
        Decision b =
            neu.evaluate(
                ResourceRequest.builder(mutated).namespace(ns).namespaceLabels(labels).build(),
                AdmissionPhase.VALIDATE,
                deadline());
        String name = Resources.describe(resource);
        Set<String> seen = new TreeSet<>();
        a.results().forEach(r -> r.images().forEach(i -> seen.add(i.image())));
        images += seen.size();
        List<String> diffs = new ArrayList<>();
        if (a.allowed() != b.allowed()) {
          diffs.add("decision: legacy " + verdict(a) + ", converted " + verdict(b));
        } else if (!messageClass(a).equals(messageClass(b))) {
          diffs.add("message class: legacy " + messageClass(a) + ", converted " + messageClass(b));
        }
        // A denied request runs nothing, so pins matter only where both allow. ivpol pins every
        // matched tag (Audit failures too) where the legacy engine pins verified images only: a pin
        // the legacy engine did not make is not a difference, a lost or changed one is.
        if (a.allowed() && b.allowed()) {
          Map<String, String> pinsB = pins(m.patches());
          for (Map.Entry<String, String> e : pins(a.patches()).entrySet()) {
            String y = pinsB.get(e.getKey());
            if (!e.getValue().equals(y)) {
              diffs.add(
                  "digest pin " + e.getKey() + ": legacy " + e.getValue() + ", converted " + y);
            }
          }
        }
        if (diffs.isEmpty()) {
          out.println("SAME " + name + ": " + messageClass(a));
        } else {
          differences++;
          out.println("DIFF " + name + ":");
          diffs.forEach(d -> out.println("  " + d));
          out.println("  legacy:    " + summary(a));
          out.println(
              "  converted: " + summary(b) + (m.allowed() ? "" : " (mutate: " + summary(m) + ")"));
        }
      }
    }
    out.println(
        "convert --check: "
            + evaluated
            + " resources, "
            + images
            + " images, "
            + (differences == 0
                ? "no differences"
                : differences + (differences == 1 ? " difference" : " differences")));
    out.flush();
    return differences == 0 ? Main.VERIFIED : Main.DENIED;
  }

  /** The deadline on the engines' own clock, which compares it with the time they read. */
  private Instant deadline() {
    return config.clock().instant().plus(Duration.ofSeconds(timeoutSeconds));
  }

  private PolicyEngine ivpolEngine(IvpolLoad converted, List<JsonNode> objects) {
    try {
      return IvpolEngine.create(
          converted.policies(), converted.exceptions(), config, false, ResourceLookup.of(objects));
    } catch (PolicyException e) {
      throw new UsageException("converted policy error: " + e.getMessage(), e);
    }
  }

  private static String verdict(Decision d) {
    return d.allowed() ? "allow" : "deny";
  }

  /** deny, warn (an Audit/Warn failure) or pass. */
  private static String messageClass(Decision d) {
    if (!d.allowed()) {
      return "deny";
    }
    boolean warn =
        d.results().stream()
            .anyMatch(
                r ->
                    r.status() == RuleStatus.WARN
                        || (!r.enforce()
                            && (r.status() == RuleStatus.FAIL || r.status() == RuleStatus.ERROR)));
    return warn ? "warn" : "pass";
  }

  /**
   * JSON pointer of an image field -> the pinned reference (the verified-images annotation aside).
   */
  private static Map<String, String> pins(List<PatchOperation> patches) {
    Map<String, String> out = new TreeMap<>();
    for (PatchOperation p : patches) {
      if (p.path().endsWith("/image") && p.value() != null && p.value().isTextual()) {
        out.put(p.path(), p.value().asText());
      }
    }
    return out;
  }

  private static String summary(Decision d) {
    List<String> parts = new ArrayList<>();
    for (RuleResult r : d.results()) {
      if (r.status() == RuleStatus.PASS || r.status() == RuleStatus.SKIP) {
        continue;
      }
      parts.add(r.status() + " " + r.policy() + "/" + r.rule() + ": " + r.message());
    }
    return parts.isEmpty() ? verdict(d) : verdict(d) + " (" + String.join("; ", parts) + ")";
  }
}
