package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.PatchOperation;
import dev.imagegate.engine.RuleResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Recent decisions by admission uid, for {@code /debug/explain?uid=}. Bounded in size and age: it
 * is a debugging aid, not an audit log. The mutating and validating calls of one request share the
 * uid and are kept side by side.
 */
public final class ExplainStore {
  private final ObjectMapper json;
  private final Cache<String, ObjectNode> byUid =
      Caffeine.newBuilder().maximumSize(2_000).expireAfterWrite(Duration.ofMinutes(15)).build();

  public ExplainStore(ObjectMapper json) {
    this.json = json;
  }

  public void record(
      String webhook,
      AdmissionRequest request,
      ReviewService.Reviewed reviewed,
      AdmissionAnswer answer,
      Duration elapsed,
      Instant received) {
    ObjectNode explanation = explain(webhook, request, reviewed, answer, elapsed, received);
    byUid
        .asMap()
        .compute(
            request.uid(),
            (uid, existing) -> {
              ObjectNode entry =
                  existing == null ? json.createObjectNode().put("uid", uid) : existing.deepCopy();
              entry.set(webhook, explanation);
              return entry;
            });
  }

  public Optional<ObjectNode> find(String uid) {
    return Optional.ofNullable(byUid.getIfPresent(uid));
  }

  public ObjectNode explain(
      String webhook,
      AdmissionRequest request,
      ReviewService.Reviewed reviewed,
      AdmissionAnswer answer,
      Duration elapsed,
      Instant received) {
    ObjectNode node = json.createObjectNode();
    node.put("webhook", webhook);
    node.put("time", received.toString());
    node.put("resource", request.displayName());
    node.put("gvk", request.gvk());
    node.put("operation", request.operation());
    node.put("dryRun", request.dryRun());
    node.put("outcome", reviewed.outcome().label());
    node.put("policyVersion", reviewed.policyVersion());
    node.put("allowed", answer.allowed());
    node.put("message", answer.message());
    node.put("durationMs", elapsed.toMillis());
    answer.warnings().forEach(node.withArray("warnings")::add);
    ArrayNode patches = node.putArray("patches");
    for (PatchOperation patch : answer.patches()) {
      patches
          .addObject()
          .put("op", patch.op())
          .put("path", patch.path())
          .set("value", patch.value());
    }
    switch (reviewed.outcome()) {
      case ReviewOutcome.Decided decided -> addDecision(node, decided.decision());
      case ReviewOutcome.Skipped skipped -> node.put("reason", skipped.reason());
      case ReviewOutcome.Refused refused -> node.put("reason", refused.reason());
      case ReviewOutcome.EngineFailed failed -> node.put("reason", String.valueOf(failed.error()));
      default -> {}
    }
    return node;
  }

  private void addDecision(ObjectNode node, Decision decision) {
    ArrayNode results = node.putArray("results");
    for (RuleResult result : decision.results()) {
      ObjectNode rule =
          results
              .addObject()
              .put("policy", result.policy())
              .put("rule", result.rule())
              .put("status", result.status().name())
              .put("enforce", result.enforce())
              .put("message", result.message());
      ArrayNode images = rule.putArray("images");
      for (RuleResult.ImageCheck image : result.images()) {
        images
            .addObject()
            .put("image", image.image())
            .put("digest", image.digest())
            .put("status", image.status().name())
            .put("message", image.message());
      }
    }
    ObjectNode timings = node.putObject("timingsMs");
    new TreeMap<>(decision.timings()).forEach((phase, time) -> timings.put(phase, millis(time)));
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1_000_000.0;
  }

  static Map<String, Duration> phases(ReviewOutcome outcome) {
    return outcome instanceof ReviewOutcome.Decided decided
        ? decided.decision().timings()
        : Map.of();
  }
}
