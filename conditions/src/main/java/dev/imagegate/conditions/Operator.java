package dev.imagegate.conditions;

import java.util.Arrays;
import java.util.Optional;

/**
 * Kyverno condition operators, spelled as in policies. {@code In} and {@code NotIn} are deprecated
 * upstream but accepted.
 */
public enum Operator {
  EQUALS("Equals", "Equal"),
  NOT_EQUALS("NotEquals", "NotEqual"),
  IN("In"),
  NOT_IN("NotIn"),
  ANY_IN("AnyIn"),
  ALL_IN("AllIn"),
  ANY_NOT_IN("AnyNotIn"),
  ALL_NOT_IN("AllNotIn"),
  GREATER_THAN("GreaterThan"),
  GREATER_THAN_OR_EQUALS("GreaterThanOrEquals"),
  LESS_THAN("LessThan"),
  LESS_THAN_OR_EQUALS("LessThanOrEquals"),
  DURATION_GREATER_THAN("DurationGreaterThan"),
  DURATION_GREATER_THAN_OR_EQUALS("DurationGreaterThanOrEquals"),
  DURATION_LESS_THAN("DurationLessThan"),
  DURATION_LESS_THAN_OR_EQUALS("DurationLessThanOrEquals");

  private final String policyName;
  private final String[] aliases;

  Operator(String policyName, String... aliases) {
    this.policyName = policyName;
    this.aliases = aliases;
  }

  /** The name written in policies, e.g. {@code AnyIn}. */
  public String policyName() {
    return policyName;
  }

  public boolean deprecated() {
    return this == IN || this == NOT_IN;
  }

  /**
   * Kyverno compares operator names case-insensitively (its CRD enum lists both cases for several).
   */
  public static Optional<Operator> fromPolicyName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Arrays.stream(values())
        .filter(
            o ->
                o.policyName.equalsIgnoreCase(name)
                    || Arrays.stream(o.aliases).anyMatch(a -> a.equalsIgnoreCase(name)))
        .findFirst();
  }

  /** All names accepted, for error messages. */
  public static String acceptedNames() {
    return String.join(", ", Arrays.stream(values()).map(Operator::policyName).toList());
  }

  @Override
  public String toString() {
    return policyName;
  }
}
