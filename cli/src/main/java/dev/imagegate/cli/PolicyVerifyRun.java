package dev.imagegate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.EngineConfig;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.engine.RuleResult;
import dev.imagegate.oci.ImageReference;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code imagegate verify --policy FILE IMAGE...}: evaluates the policy's rules for each image as
 * if it ran alone in a Pod in namespace {@code default}; an image passes when that Pod would be
 * admitted.
 */
final class PolicyVerifyRun {
  private final List<Path> policies;
  private final RegistryOptions registry;
  private final String output;
  private final CommandSpec spec;

  private final boolean explain;

  PolicyVerifyRun(
      List<Path> policies,
      RegistryOptions registry,
      String output,
      boolean explain,
      CommandSpec spec) {
    this.explain = explain;
    this.policies = policies;
    this.registry = registry;
    this.output = output;
    this.spec = spec;
  }

  int run(List<String> images) throws Exception {
    images.forEach(ImageReference::parse); // usage errors before any work
    PrintWriter out = spec.commandLine().getOut();
    PolicyFiles.Loaded loaded = PolicyFiles.loadAll(policies, spec.commandLine().getErr());
    if (!loaded.legacy().rejected().isEmpty()) {
      // verify --policy decides on one image with the given policies: an invalid one is an error.
      throw new UsageException("invalid policy " + loaded.legacy().rejected().get(0));
    }
    List<Decision> decisions = new ArrayList<>();
    EngineConfig config = EngineConfig.defaults().withOci(registry.config());
    try (PolicyEngine engine = PolicyFiles.engine(loaded, List.of(), config, List.of());
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Decision>> futures = new ArrayList<>();
      for (int i = 0; i < images.size(); i++) {
        JsonNode pod = pod(i, images.get(i));
        futures.add(
            pool.submit(
                () ->
                    engine.evaluate(
                        ResourceRequest.create(pod, "default"),
                        AdmissionPhase.BOTH,
                        config
                            .clock()
                            .instant()
                            .plus(Duration.ofSeconds(registry.timeoutSeconds * 2L)))));
      }
      for (Future<Decision> f : futures) {
        decisions.add(f.get());
      }
    }
    ArrayNode json = JsonOutput.JSON.createArrayNode();
    boolean all = true;
    for (int i = 0; i < images.size(); i++) {
      Decision d = decisions.get(i);
      boolean matched = !d.results().isEmpty();
      all &= d.allowed() && matched;
      if (output.equals("json")) {
        json.add(toJson(images.get(i), d, matched));
      } else if (explain) {
        Explain.print(out, images.get(i), d);
      } else if (!matched) {
        out.println(
            "Error: no rule of the policy applies to "
                + images.get(i)
                + " (check imageReferences and match)");
      } else if (d.allowed()) {
        out.println("VERIFIED " + images.get(i));
        d.results()
            .forEach(
                r ->
                    out.println(
                        "  "
                            + r.status()
                            + " "
                            + r.policy()
                            + "/"
                            + r.rule()
                            + ": "
                            + r.message()));
      } else {
        out.println("Error: image verification failed for " + images.get(i) + ":");
        // Not allowed: every engine sets the deny message exactly when it denies (Decision's
        // contract).
        out.println("  " + Objects.requireNonNull(d.denyMessage()).replace("\n", "\n  "));
      }
    }
    if (output.equals("json")) {
      out.println(JsonOutput.JSON.writeValueAsString(json));
    } else {
      long ok = decisions.stream().filter(d -> d.allowed() && !d.results().isEmpty()).count();
      out.println("verified: " + ok + ", not verified: " + (images.size() - ok));
    }
    out.flush();
    return all ? Main.VERIFIED : Main.DENIED;
  }

  private static JsonNode pod(int index, String image) {
    ObjectNode pod = JsonOutput.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    pod.putObject("metadata").put("name", "imagegate-verify-" + index).put("namespace", "default");
    pod.putObject("spec").putArray("containers").addObject().put("name", "c0").put("image", image);
    return pod;
  }

  private static ObjectNode toJson(String image, Decision d, boolean matched) {
    ObjectNode n = JsonOutput.JSON.createObjectNode();
    n.put("reference", image);
    String digest =
        d.results().stream()
            .flatMap(r -> r.images().stream())
            .map(RuleResult.ImageCheck::digest)
            .filter(x -> x != null)
            .findFirst()
            .orElse(null);
    n.put("digest", digest);
    n.put("verified", d.allowed() && matched);
    if (!matched) {
      n.put("reason", "no rule of the policy applies to this image");
    } else if (!d.allowed()) {
      n.put("reason", d.denyMessage());
    }
    ArrayNode rules = n.putArray("rules");
    for (RuleResult r : d.results()) {
      rules
          .addObject()
          .put("policy", r.policy())
          .put("rule", r.rule())
          .put("status", r.status().name().toLowerCase(java.util.Locale.ROOT))
          .put("message", r.message());
    }
    ObjectNode t = n.putObject("timings");
    d.timings().forEach((k, v) -> t.put(k + "Ms", v.toNanos() / 1e6));
    return n;
  }
}
