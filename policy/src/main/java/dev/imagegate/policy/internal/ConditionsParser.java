package dev.imagegate.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.imagegate.conditions.Condition;
import dev.imagegate.conditions.ConditionBlock;
import dev.imagegate.conditions.Operator;
import dev.imagegate.policy.LoadWarning;
import dev.imagegate.policy.PolicyException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Kyverno conditions in their three spellings: an {@code any}/{@code all} mapping, a list of
 * such mappings, or the older plain list of conditions (read as one {@code all} block).
 */
final class ConditionsParser {
  private ConditionsParser() {}

  static List<ConditionBlock> blocks(
      YamlDocument doc, String pointer, JsonNode node, List<LoadWarning> warnings) {
    if (node.isObject()) {
      return List.of(block(Fields.of(doc, pointer, node, warnings)));
    }
    if (!node.isArray()) {
      throw new PolicyException(
          doc.valueAt(pointer),
          Fields.path(pointer) + " must be a list of conditions or an any/all mapping");
    }
    List<ConditionBlock> blocks = new ArrayList<>();
    List<Condition> legacy = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      String p = pointer + "/" + i;
      Fields f = Fields.of(doc, p, item, warnings);
      if (item.has("any") || item.has("all")) {
        blocks.add(block(f));
      } else {
        legacy.add(condition(f));
      }
      f.finish();
    }
    if (!legacy.isEmpty()) {
      blocks.add(ConditionBlock.allOf(legacy));
    }
    return blocks;
  }

  private static ConditionBlock block(Fields f) {
    List<Condition> any = f.list("any", (c, i) -> condition(c));
    List<Condition> all = f.list("all", (c, i) -> condition(c));
    return new ConditionBlock(any, all);
  }

  private static Condition condition(Fields f) {
    JsonNode key = f.get("key").orElseThrow(() -> f.failHere("needs a key"));
    String op =
        f.get("operator").map(JsonNode::asText).orElseThrow(() -> f.failHere("needs an operator"));
    Operator operator =
        Operator.fromPolicyName(op)
            .orElseThrow(
                () ->
                    f.fail(
                        "operator",
                        "'"
                            + op
                            + "' is not a condition operator; use one of "
                            + Operator.acceptedNames()));
    if (operator.deprecated()) {
      f.warn(
          "operator",
          "operator "
              + operator.policyName()
              + " is deprecated in Kyverno; prefer "
              + (operator == Operator.IN ? "AllIn or AnyIn" : "AllNotIn or AnyNotIn"));
    }
    JsonNode value = f.get("value").orElse(NullNode.getInstance());
    String message = f.string("message");
    return new Condition(key, operator, value, message);
  }
}
