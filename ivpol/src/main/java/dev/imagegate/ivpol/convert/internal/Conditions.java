package dev.imagegate.ivpol.convert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.conditions.Condition;
import dev.imagegate.conditions.ConditionBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Kyverno condition blocks as one CEL boolean. Equals/NotEquals, the set operators (In, NotIn,
 * AnyIn, AllIn, AnyNotIn, AllNotIn) with literal value lists (wildcards become anchored regexps)
 * and the numeric comparisons against numbers convert; Duration operators, range strings ({@code
 * 1-5}) and value lists computed by variables are reported.
 */
public final class Conditions {
  private Conditions() {}

  /** Blocks that must all hold. */
  public static String all(List<ConditionBlock> blocks, Variables.Roots roots)
      throws Unconvertible {
    List<String> terms = new ArrayList<>();
    for (ConditionBlock b : blocks) {
      terms.add(block(b, roots));
    }
    return join(terms, " && ");
  }

  static String block(ConditionBlock b, Variables.Roots roots) throws Unconvertible {
    List<String> all = new ArrayList<>();
    for (Condition c : b.all()) {
      all.add(condition(c, roots));
    }
    if (!b.any().isEmpty()) {
      List<String> any = new ArrayList<>();
      for (Condition c : b.any()) {
        any.add(condition(c, roots));
      }
      all.add(any.size() == 1 ? any.get(0) : "(" + String.join(" || ", any) + ")");
    }
    return join(all, " && ");
  }

  private static String join(List<String> terms, String op) {
    if (terms.isEmpty()) {
      return "true";
    }
    if (terms.size() == 1) {
      return terms.get(0);
    }
    List<String> wrapped = new ArrayList<>();
    for (String t : terms) {
      wrapped.add(t.contains(" || ") && !t.startsWith("(") ? "(" + t + ")" : t);
    }
    return String.join(op, wrapped);
  }

  static String condition(Condition c, Variables.Roots roots) throws Unconvertible {
    String key = Variables.value(c.key(), roots);
    JsonNode v = c.value();
    return switch (c.operator()) {
      case EQUALS -> equal(key, v, roots);
      case NOT_EQUALS -> "!(" + equal(key, v, roots) + ")";
      case IN, ALL_IN -> set(key, "all", member("v", v, c, roots));
      case NOT_IN -> "!" + set(key, "all", member("v", v, c, roots));
      case ANY_IN -> set(key, "exists", member("v", v, c, roots));
      case ANY_NOT_IN -> set(key, "exists", "!(" + member("v", v, c, roots) + ")");
      case ALL_NOT_IN -> set(key, "all", "!(" + member("v", v, c, roots) + ")");
      case GREATER_THAN -> compare(key, ">", v, c);
      case GREATER_THAN_OR_EQUALS -> compare(key, ">=", v, c);
      case LESS_THAN -> compare(key, "<", v, c);
      case LESS_THAN_OR_EQUALS -> compare(key, "<=", v, c);
      default ->
          throw new Unconvertible(
              "operator " + c.operator().policyName() + " has no CEL equivalent (durations)");
    };
  }

  /** Kyverno's key may be one value or a list: {@code v} ranges over its elements. */
  private static String set(String key, String quantifier, String test) {
    return "cel.bind(k, "
        + key
        + ", (type(k) == list ? k : [k])."
        + quantifier
        + "(v, "
        + test
        + "))";
  }

  private static String equal(String key, JsonNode v, Variables.Roots roots) throws Unconvertible {
    if (v.isTextual() && !Variables.hasVariables(v.asText())) {
      // Kyverno's Equals reads a string value as a wildcard pattern.
      return Cel.matchesWildcard(key, v.asText());
    }
    return key + " == " + Variables.value(v, roots);
  }

  private static String member(String x, JsonNode v, Condition c, Variables.Roots roots)
      throws Unconvertible {
    List<String> values = new ArrayList<>();
    if (v.isTextual() && v.asText().strip().startsWith("{{") && v.asText().strip().endsWith("}}")) {
      // a list computed by a variable: plain membership (wildcards in computed lists are rare)
      return x + " in " + Variables.value(v, roots);
    }
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (!e.isValueNode() || e.isNull() || e.asText().contains("{{")) {
          throw new Unconvertible(
              "operator " + c.operator().policyName() + ": value list " + v + " is not literal");
        }
        values.add(e.asText());
      }
    } else if (v.isTextual() && !v.asText().contains("{{") && !v.asText().matches(".*\\d!?-.*")) {
      values.add(v.asText());
    } else {
      throw new Unconvertible(
          "operator "
              + c.operator().policyName()
              + ": value "
              + v
              + " (a range or a computed list) does not convert");
    }
    boolean strings = true;
    for (JsonNode e : v.isArray() ? v : List.of(v)) {
      strings &= e.isTextual();
    }
    if (!strings) {
      // Kyverno compares the printed forms of numbers and booleans.
      x = "string(" + x + ")";
    }
    return Cel.matchesAnyWildcard(x, values);
  }

  private static String compare(String key, String op, JsonNode v, Condition c)
      throws Unconvertible {
    if (!v.isNumber()) {
      throw new Unconvertible(
          "operator "
              + c.operator().policyName()
              + " against "
              + v
              + ": only comparisons with numbers convert (Kyverno also compares quantities,"
              + " durations and versions)");
    }
    return key + " " + op + " " + Cel.literal(v);
  }
}
