package dev.imagegate.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.engine.RuleResult;
import dev.imagegate.engine.RuleStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kyverno's denial text (pkg/webhooks/utils/block.go GetBlockedMessages), so users see what they
 * know: the resource as {@code Kind/namespace/name} (an empty namespace for cluster-scoped kinds),
 * then a YAML map of policy name to rule to message, messages single-quoted. Kyverno's two leading
 * newlines are left out.
 *
 * <pre>
 * resource Pod/default/unsigned was blocked due to the following policies
 *
 * check-image:
 *   check-image: 'failed to verify image ...: .attestors[0].entries[0].keys: ...'
 * </pre>
 */
final class DenyMessages {
  private DenyMessages() {}

  static String describe(JsonNode resource) {
    String kind = resource.path("kind").asText("Resource");
    String ns = resource.path("metadata").path("namespace").asText("");
    String name =
        resource
            .path("metadata")
            .path("name")
            .asText(resource.path("metadata").path("generateName").asText(""));
    return kind + "/" + ns + "/" + name;
  }

  static String blocked(JsonNode resource, List<RuleResult> blocking) {
    Map<String, StringBuilder> byPolicy = new LinkedHashMap<>();
    for (RuleResult r : blocking) {
      String policy = r.policy().substring(r.policy().indexOf('/') + 1);
      byPolicy
          .computeIfAbsent(policy, p -> new StringBuilder())
          .append("  ")
          .append(r.rule())
          .append(": '")
          .append(r.message().replace("'", "''"))
          .append("'\n");
    }
    StringBuilder b =
        new StringBuilder("resource ")
            .append(describe(resource))
            .append(" was blocked due to the following policies \n");
    byPolicy.forEach((policy, rules) -> b.append('\n').append(policy).append(":\n").append(rules));
    return b.toString().stripTrailing();
  }

  /** An admission warning for an Audit rule that did not pass. */
  static String warning(RuleResult r) {
    return "policy "
        + r.policy()
        + "."
        + r.rule()
        + ": "
        + (r.status() == RuleStatus.ERROR ? "error: " : "")
        + r.message();
  }
}
