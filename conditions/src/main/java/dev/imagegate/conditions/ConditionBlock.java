package dev.imagegate.conditions;

import java.util.List;

/**
 * Kyverno's {@code any}/{@code all} block: it holds when every {@code all} condition holds and, if
 * {@code any} is not empty, at least one {@code any} condition holds. The older list form ({@code
 * conditions: [ {key..}, ... ]}) is an {@code all} block.
 */
public record ConditionBlock(List<Condition> any, List<Condition> all) {
  public ConditionBlock {
    any = List.copyOf(any);
    all = List.copyOf(all);
  }

  public static ConditionBlock allOf(List<Condition> conditions) {
    return new ConditionBlock(List.of(), conditions);
  }

  public static ConditionBlock anyOf(List<Condition> conditions) {
    return new ConditionBlock(conditions, List.of());
  }

  public boolean isEmpty() {
    return any.isEmpty() && all.isEmpty();
  }
}
