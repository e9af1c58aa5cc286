package dev.imagegate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The results of one decision as a {@code wgpolicyk8s.io/v1alpha2} PolicyReport scoped to the
 * resource, as Kyverno (1.10+) writes one report per resource: each rule with its result, message
 * and the images it checked.
 */
public final class PolicyReports {
  public static final String API_VERSION = "wgpolicyk8s.io/v1alpha2";

  private static final ObjectMapper JSON = PooledJson.mapper();

  private PolicyReports() {}

  /** A report for {@code resource} from {@code decision}; null when no rule produced a result. */
  public static @Nullable ObjectNode of(JsonNode resource, Decision decision, Instant when) {
    if (decision.results().isEmpty()) {
      return null;
    }
    JsonNode meta = resource.path("metadata");
    String namespace = meta.path("namespace").asText("");
    ObjectNode report =
        JSON.createObjectNode().put("apiVersion", API_VERSION).put("kind", "PolicyReport");
    ObjectNode m = report.putObject("metadata");
    String uid = meta.path("uid").asText("");
    m.put("name", uid.isEmpty() ? "imagegate-" + reportName(resource) : uid);
    if (!namespace.isEmpty()) {
      m.put("namespace", namespace);
    }
    m.putObject("labels").put("app.kubernetes.io/managed-by", "imagegate");
    ObjectNode scope = report.putObject("scope");
    scope
        .put("apiVersion", resource.path("apiVersion").asText())
        .put("kind", resource.path("kind").asText())
        .put("name", meta.path("name").asText());
    if (!namespace.isEmpty()) {
      scope.put("namespace", namespace);
    }
    if (!uid.isEmpty()) {
      scope.put("uid", uid);
    }
    Map<RuleStatus, Integer> counts = new EnumMap<>(RuleStatus.class);
    ArrayNode results = report.putArray("results");
    for (RuleResult r : decision.results()) {
      RuleStatus reported = reported(r.status());
      counts.merge(reported, 1, Integer::sum);
      ObjectNode res = results.addObject();
      res.put("source", "imagegate")
          .put("policy", r.policy())
          .put("rule", r.rule())
          .put("result", reported.name().toLowerCase(Locale.ROOT))
          .put("message", r.message())
          .put("scored", true)
          .put("category", "Image Verification");
      res.putObject("timestamp").put("seconds", when.getEpochSecond()).put("nanos", when.getNano());
      ObjectNode props = res.putObject("properties");
      int i = 0;
      for (RuleResult.ImageCheck c : r.images()) {
        if (RuleResult.ImageCheck.STEP.equals(c.message())) {
          continue;
        }
        props.put("image." + i++, c.image() + (c.digest() == null ? "" : "@" + c.digest()));
      }
      // An ImageValidatingPolicy's audit annotations, as Kyverno's reports carry them.
      r.properties().forEach(props::put);
    }
    ObjectNode summary = report.putObject("summary");
    for (RuleStatus s : RuleStatus.values()) {
      summary.put(s.name().toLowerCase(Locale.ROOT), counts.getOrDefault(s, 0));
    }
    return report;
  }

  /**
   * The status a report shows. An Audit (or ivpol Warn) failure is {@code warn} in imagegate's
   * answers and in {@code apply}'s summary, but in a PolicyReport it is {@code fail}, as Kyverno
   * writes it (its reports controller, and {@code kyverno apply --policy-report} without {@code
   * --audit-warn}): the report says the rule failed, the action only decided not to block.
   */
  static RuleStatus reported(RuleStatus status) {
    return status == RuleStatus.WARN ? RuleStatus.FAIL : status;
  }

  private static String reportName(JsonNode resource) {
    String name =
        resource.path("kind").asText("resource").toLowerCase(Locale.ROOT)
            + "-"
            + resource.path("metadata").path("name").asText("");
    return name.replaceAll("[^a-z0-9.-]", "-");
  }
}
