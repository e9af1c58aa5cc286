package dev.imagegate.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.base.Result;
import dev.imagegate.conditions.EvaluationContext;
import dev.imagegate.conditions.ExpressionException;
import dev.imagegate.conditions.KyvernoJmesPath;
import dev.imagegate.conditions.SubstitutionResult;
import dev.imagegate.conditions.Variables;
import dev.imagegate.policy.ConfigMap;
import dev.imagegate.policy.ContextEntry;
import dev.imagegate.policy.Location;
import dev.imagegate.policy.PolicyException;
import dev.imagegate.policy.Rule;
import dev.imagegate.policy.VerifyImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills a rule's context entries into the variables document, and substitutes request variables in
 * verifyImages.
 */
public final class RuleContext {
  private RuleContext() {}

  public sealed interface Outcome {
    record Built() implements Outcome {}

    record Failed(String message, Location location) implements Outcome {}
  }

  public static Outcome build(
      Rule rule,
      EvaluationContext context,
      List<ConfigMap> configMaps,
      Variables variables,
      KyvernoJmesPath jmesPath) {
    if (rule.context().isEmpty()) {
      // The usual case, on every admission review: no serialization of the rule's text.
      return new Outcome.Built();
    }
    String ruleText =
        rule.verifyImages().stream().map(v -> v.raw().toString()).reduce("", String::concat)
            + rule.preconditions().toString();
    for (ContextEntry entry : rule.context()) {
      switch (entry) {
        case ContextEntry.ConfigMapRef c -> {
          String name = text(variables, c.configMapName(), context);
          String namespace = text(variables, c.configMapNamespace(), context);
          if (name == null || namespace == null) {
            return new Outcome.Failed(
                "context '" + c.name() + "': cannot resolve the ConfigMap name or namespace",
                c.location());
          }
          ConfigMap found =
              configMaps.stream()
                  .filter(m -> m.name().equals(name) && m.namespace().equals(namespace))
                  .findFirst()
                  .orElse(null);
          if (found == null && !uses(ruleText, c.name())) {
            continue;
          }
          if (found == null) {
            return new Outcome.Failed(
                "context '"
                    + c.name()
                    + "': ConfigMap "
                    + namespace
                    + "/"
                    + name
                    + " not found; pass its YAML alongside the policies or resources",
                c.location());
          }
          context.put(c.name(), found.object());
        }
        case ContextEntry.Variable v -> {
          JsonNode value = null;
          if (v.value() != null) {
            SubstitutionResult r = variables.substitute(v.value(), context.toJson());
            if (r instanceof SubstitutionResult.Substituted s) {
              value = s.value();
            } else if (v.defaultValue() == null) {
              return new Outcome.Failed(
                  "context '" + v.name() + "': " + ((SubstitutionResult.Failed) r).message(),
                  v.location());
            }
          }
          if (v.jmesPath() != null) {
            try {
              value = jmesPath.search(v.jmesPath(), value != null ? value : context.toJson());
            } catch (ExpressionException e) {
              return new Outcome.Failed(
                  "context '" + v.name() + "': " + e.getMessage(), v.location());
            }
          }
          if (value == null || value.isNull()) {
            if (v.defaultValue() == null) {
              return new Outcome.Failed(
                  "context '" + v.name() + "': the variable is null and has no default",
                  v.location());
            }
            value = v.defaultValue();
          }
          context.put(v.name(), value);
        }
        case ContextEntry.Unsupported u -> {
          // Only an error when the rule uses the entry; unused entries are harmless.
          if (uses(ruleText, u.name())) {
            return new Outcome.Failed(
                "context '"
                    + u.name()
                    + "' uses "
                    + u.kind()
                    + ", which imagegate cannot evaluate offline",
                u.location());
          }
        }
      }
    }
    return new Outcome.Built();
  }

  /**
   * Whether the rule's variables mention the entry; unused entries that cannot be loaded are
   * skipped.
   */
  private static boolean uses(String ruleText, String name) {
    return java.util.regex.Pattern.compile(
            "\\{\\{[^}]*\\b" + java.util.regex.Pattern.quote(name) + "\\b")
        .matcher(ruleText)
        .find();
  }

  private static String text(Variables variables, String template, EvaluationContext context) {
    SubstitutionResult r = variables.substituteString(template, context.toJson());
    return r instanceof SubstitutionResult.Substituted s && s.value().isTextual()
        ? s.value().asText()
        : null;
  }

  /**
   * Substitutes request variables in {@code v}; attestation conditions and validate keep theirs.
   * The result is the resolved entry, or why it cannot be resolved.
   */
  public static Result<VerifyImage> substitute(
      VerifyImage v, EvaluationContext context, Variables variables) {
    ObjectNode copy = (ObjectNode) v.raw().deepCopy();
    JsonNode validate = copy.remove("validate");
    List<JsonNode> conditions = new ArrayList<>();
    JsonNode attestations = copy.path("attestations");
    if (attestations.isArray()) {
      for (JsonNode a : attestations) {
        conditions.add(a.isObject() ? ((ObjectNode) a).remove("conditions") : null);
      }
    }
    if (!Variables.containsVariables(copy)) {
      return Result.ok(v);
    }
    SubstitutionResult r = variables.substitute(copy, context.toJson());
    if (r instanceof SubstitutionResult.Failed f) {
      return Result.err("verifyImages[" + v.index() + "]: " + f.message());
    }
    ObjectNode substituted = (ObjectNode) ((SubstitutionResult.Substituted) r).value();
    if (validate != null) {
      substituted.set("validate", validate);
    }
    JsonNode subAttestations = substituted.path("attestations");
    for (int i = 0; i < conditions.size() && subAttestations instanceof ArrayNode arr; i++) {
      if (conditions.get(i) != null && arr.get(i).isObject()) {
        ((ObjectNode) arr.get(i)).set("conditions", conditions.get(i));
      }
    }
    String pointer = "/verifyImages/" + v.index();
    YamlDocument doc =
        new YamlDocument(
            v.location().file(),
            0,
            substituted,
            Map.of(pointer, v.location(), "", v.location()),
            Map.of());
    try {
      return Result.ok(
          VerifyImageParser.parse(doc, pointer, substituted, v.index(), new ArrayList<>()));
    } catch (PolicyException e) {
      return Result.err("after substituting variables: " + e.problem());
    }
  }
}
