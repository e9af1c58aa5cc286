package dev.imagegate.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.PatchOperation;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.engine.RuleResult;
import dev.imagegate.engine.RuleStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A policy engine for tests: images containing "unsigned" fail an Enforce rule, "audit" fails an
 * Audit rule, "slow" blocks until released (or interrupted), "boom" throws; tags are pinned to a
 * fixed digest.
 */
final class StubEngine implements PolicyEngine {
  static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final Set<String> KINDS = Set.of("Pod", "Deployment", "CronJob", "StatefulSet");

  record Call(ResourceRequest request, AdmissionPhase phase, Instant deadline) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  final CountDownLatch releaseSlow = new CountDownLatch(1);
  private final String version;

  StubEngine(String version) {
    this.version = version;
  }

  @Override
  public Decision evaluate(ResourceRequest request, AdmissionPhase phase, Instant deadline) {
    calls.add(new Call(request, phase, deadline));
    List<RuleResult> results = new ArrayList<>();
    List<PatchOperation> patches = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String denied = null;
    for (var container : containers(request.resource())) {
      String image = container.image();
      if (image.contains("boom")) {
        throw new IllegalStateException("stub engine exploded");
      }
      if (image.contains("slow")) {
        try {
          releaseSlow.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Decision.notApplicable();
        }
      }
      if (image.contains("unsigned")) {
        String message =
            "failed to verify image "
                + image
                + ": .attestors[0].entries[0].keys: no signatures found";
        results.add(
            new RuleResult(
                "check-images",
                "verify-signature",
                RuleStatus.FAIL,
                true,
                message,
                List.of(
                    new RuleResult.ImageCheck(
                        image, null, RuleStatus.FAIL, "no signatures found"))));
        denied =
            "resource "
                + request.resource().path("kind").asText()
                + "/"
                + request.namespace()
                + "/"
                + request.resource().at("/metadata/name").asText()
                + " was blocked due to the following policies\n\n"
                + "check-images:\n  verify-signature: '"
                + message
                + "'";
      } else if (image.contains("audit")) {
        results.add(
            new RuleResult(
                "audit-images",
                "verify-signature",
                RuleStatus.WARN,
                false,
                "unsigned " + image,
                List.of()));
        warnings.add("policy audit-images.verify-signature: unsigned " + image);
      } else {
        results.add(
            new RuleResult(
                "check-images",
                "verify-signature",
                RuleStatus.PASS,
                true,
                "verified",
                List.of(new RuleResult.ImageCheck(image, DIGEST, RuleStatus.PASS, "verified"))));
        if (!image.contains("@")) {
          patches.add(
              new PatchOperation(
                  "replace", container.path() + "/image", new TextNode(image + "@" + DIGEST)));
        }
      }
    }
    Map<String, Duration> timings =
        Map.of(
            "resolve",
            Duration.ofMillis(3),
            "crypto",
            Duration.ofMillis(1),
            "total",
            Duration.ofMillis(5));
    return new Decision(
        denied == null,
        denied,
        results,
        phase == AdmissionPhase.VALIDATE ? List.of() : patches,
        warnings,
        timings);
  }

  record Container(String path, String image) {}

  static List<Container> containers(JsonNode resource) {
    String base =
        resource.at("/spec/jobTemplate/spec/template/spec").isObject()
            ? "/spec/jobTemplate/spec/template/spec"
            : resource.at("/spec/template/spec").isObject() ? "/spec/template/spec" : "/spec";
    List<Container> containers = new ArrayList<>();
    JsonNode list = resource.at(base + "/containers");
    for (int i = 0; i < list.size(); i++) {
      containers.add(new Container(base + "/containers/" + i, list.get(i).path("image").asText()));
    }
    return containers;
  }

  @Override
  public boolean mayMatch(String apiGroup, String version, String kind) {
    return KINDS.contains(kind);
  }

  @Override
  public String policyVersion() {
    return version;
  }
}
