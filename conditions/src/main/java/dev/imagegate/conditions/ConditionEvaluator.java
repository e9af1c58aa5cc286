package dev.imagegate.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.conditions.internal.Operators;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates Kyverno conditions against a context document (the JSON root that {@code {{ }}}
 * expressions see). Blocks in a list must all hold (Kyverno's attestation {@code conditions} and
 * {@code preconditions}).
 */
public final class ConditionEvaluator {
  private final Variables variables;

  public ConditionEvaluator(Variables variables) {
    this.variables = variables;
  }

  public static ConditionEvaluator create(Clock clock) {
    return new ConditionEvaluator(new Variables(KyvernoJmesPath.create(clock)));
  }

  public ConditionResult evaluate(List<ConditionBlock> blocks, JsonNode context) {
    for (ConditionBlock block : blocks) {
      ConditionResult r = evaluate(block, context);
      if (!r.passed()) {
        return r;
      }
    }
    return new ConditionResult.Passed();
  }

  /**
   * Kyverno's attestation conditions and {@code validate.deny} (pkg/engine/internal/utils.go
   * EvaluateConditions): the whole list is variable-substituted first, so a variable that does not
   * resolve anywhere is an error even when another {@code any} member would hold; then the blocks
   * are evaluated on the substituted values.
   */
  public ConditionResult evaluateSubstitutedFirst(List<ConditionBlock> blocks, JsonNode context) {
    List<ConditionBlock> substituted = new java.util.ArrayList<>();
    for (ConditionBlock block : blocks) {
      List<Condition> any = new java.util.ArrayList<>();
      List<Condition> all = new java.util.ArrayList<>();
      for (Condition c : block.any()) {
        ConditionResult.Error e = substitute(c, context, any);
        if (e != null) {
          return e;
        }
      }
      for (Condition c : block.all()) {
        ConditionResult.Error e = substitute(c, context, all);
        if (e != null) {
          return e;
        }
      }
      substituted.add(new ConditionBlock(any, all));
    }
    // No variables are left, so evaluating substitutes nothing more.
    return evaluate(substituted, context);
  }

  private ConditionResult.@Nullable Error substitute(
      Condition c, JsonNode context, List<Condition> into) {
    JsonNode key;
    JsonNode value;
    switch (variables.substitute(c.key(), context)) {
      case SubstitutionResult.Substituted s -> key = s.value();
      case SubstitutionResult.Failed f -> {
        return new ConditionResult.Error(c, "condition key: " + f.message());
      }
    }
    switch (variables.substitute(c.value(), context)) {
      case SubstitutionResult.Substituted s -> value = s.value();
      case SubstitutionResult.Failed f -> {
        return new ConditionResult.Error(c, "condition value: " + f.message());
      }
    }
    into.add(new Condition(key, c.operator(), value, c.message()));
    return null;
  }

  public ConditionResult evaluate(ConditionBlock block, JsonNode context) {
    for (Condition c : block.all()) {
      ConditionResult r = evaluate(c, context, "all");
      if (!r.passed()) {
        return r;
      }
    }
    ConditionResult lastFailure = null;
    for (Condition c : block.any()) {
      ConditionResult r = evaluate(c, context, "any");
      if (r.passed()) {
        return r;
      }
      if (r instanceof ConditionResult.Error) {
        return r;
      }
      lastFailure = r;
    }
    return lastFailure == null ? new ConditionResult.Passed() : lastFailure;
  }

  private ConditionResult evaluate(Condition c, JsonNode context, String blockType) {
    List<Condition> substituted = new ArrayList<>(1);
    ConditionResult.Error error = substitute(c, context, substituted);
    if (error != null) {
      return error;
    }
    JsonNode key = substituted.get(0).key();
    JsonNode value = substituted.get(0).value();
    return holds(c.operator(), key, value)
        ? new ConditionResult.Passed()
        : new ConditionResult.Failed(c, key, value, blockType);
  }

  /**
   * The operator on values with no variables left; public for callers that resolve values
   * themselves.
   */
  public static boolean holds(Operator operator, JsonNode key, JsonNode value) {
    return Operators.evaluate(operator, key, value);
  }
}
