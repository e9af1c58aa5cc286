package dev.imagegate.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Kyverno's {@code {{ expression }}} substitution. A string that is exactly one variable takes the
 * variable's JSON value (so {@code "{{ reviewers }}"} becomes an array); variables inside longer
 * text are rendered as text (strings raw, other values as JSON). {@code \{{ ... }}} is left as
 * written without the backslash. Variables may nest ({@code {{ data.{{ key }} }}}): the inner one
 * is substituted first.
 *
 * <p>A variable whose expression yields null (a missing field) is an error, as in Kyverno; write a
 * default with JMESPath's {@code ||}: {@code {{ labels.team || 'none' }}}.
 */
public final class Variables {
  private static final int MAX_DEPTH = 8;
  private static final int MAX_VARIABLES = 1000;
  private static final int MAX_RESULT = 1 << 20;
  private final KyvernoJmesPath jmesPath;

  public Variables(KyvernoJmesPath jmesPath) {
    this.jmesPath = jmesPath;
  }

  public static boolean containsVariables(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isTextual()) {
      return node.asText().contains("{{");
    }
    for (JsonNode child : node) {
      if (containsVariables(child)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Substitutes in every string of {@code template} (object values and array elements,
   * recursively).
   */
  public SubstitutionResult substitute(JsonNode template, JsonNode data) {
    try {
      return new SubstitutionResult.Substituted(walk(template, data, new int[] {0}));
    } catch (VariableFailure f) {
      return new SubstitutionResult.Failed(f.variable, f.getMessage());
    }
  }

  public SubstitutionResult substituteString(String text, JsonNode data) {
    return substitute(JsonNodeFactory.instance.textNode(text), data);
  }

  private JsonNode walk(JsonNode node, JsonNode data, int[] count) {
    if (node.isTextual()) {
      String s = node.asText();
      return s.contains("{{") ? substituteText(s, data, 0, count) : node;
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.set(e.getKey(), walk(e.getValue(), data, count));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> out.add(walk(e, data, count)));
      return out;
    }
    return node;
  }

  private JsonNode substituteText(String s, JsonNode data, int depth, int[] count) {
    if (depth > MAX_DEPTH) {
      throw new VariableFailure(s, "variables nested deeper than " + MAX_DEPTH);
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int open = s.indexOf("{{", i);
      if (open < 0) {
        out.append(s, i, s.length());
        break;
      }
      if (open > 0 && s.charAt(open - 1) == '\\') {
        out.append(s, i, open - 1).append("{{");
        i = open + 2;
        continue;
      }
      int close = matchingClose(s, open);
      if (close < 0) {
        // An unterminated "{{" is text, as in Kyverno (its regex does not match it).
        out.append(s, i, s.length());
        break;
      }
      out.append(s, i, open);
      String inner = s.substring(open + 2, close);
      if (inner.contains("{{")) {
        inner = render(substituteText(inner, data, depth + 1, count));
      }
      if (++count[0] > MAX_VARIABLES) {
        throw new VariableFailure(s, "more than " + MAX_VARIABLES + " variables");
      }
      JsonNode value = resolve("{{" + s.substring(open + 2, close) + "}}", inner.trim(), data);
      if (open == 0 && close + 2 == s.length() && out.isEmpty()) {
        return value;
      }
      out.append(render(value));
      if (out.length() > MAX_RESULT) {
        throw new VariableFailure(s, "substituted text longer than " + MAX_RESULT + " characters");
      }
      i = close + 2;
    }
    return JsonNodeFactory.instance.textNode(out.toString());
  }

  /** Index of the "}}" closing the "{{" at {@code open}, skipping nested pairs. */
  private static int matchingClose(String s, int open) {
    int depth = 0;
    int i = open;
    while (i < s.length() - 1) {
      if (s.startsWith("{{", i)) {
        depth++;
        i += 2;
      } else if (s.startsWith("}}", i)) {
        // "}}}" closes a JMESPath object literal first: take the last brace pair of a run.
        int run = i;
        while (run + 2 < s.length() && s.charAt(run + 2) == '}') {
          run++;
        }
        depth--;
        if (depth == 0) {
          return run;
        }
        i = run + 2;
      } else {
        i++;
      }
    }
    return -1;
  }

  private JsonNode resolve(String variable, String expression, JsonNode data) {
    if (expression.isEmpty()) {
      throw new VariableFailure(variable, "empty variable " + variable);
    }
    JsonNode value;
    try {
      value = jmesPath.search(expression, data);
    } catch (ExpressionException e) {
      throw new VariableFailure(variable, "cannot evaluate " + variable + ": " + e.getMessage());
    }
    if (value == null || value.isNull() || value.isMissingNode()) {
      throw new VariableFailure(
          variable,
          "variable "
              + variable
              + " not found (a missing field, or null); "
              + "give a default with {{ "
              + expression
              + " || '' }} if that is expected");
    }
    return value;
  }

  private static String render(JsonNode value) {
    return value.isTextual() ? value.asText() : value.toString();
  }

  private static final class VariableFailure extends RuntimeException {
    private final String variable;

    VariableFailure(String variable, String message) {
      super(message, null, false, false);
      this.variable = variable;
    }
  }
}
