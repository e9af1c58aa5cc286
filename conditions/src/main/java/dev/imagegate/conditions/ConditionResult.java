package dev.imagegate.conditions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcome of evaluating condition blocks: they hold, one does not (and which), or a variable
 * could not be resolved.
 */
public sealed interface ConditionResult {
  boolean passed();

  record Passed() implements ConditionResult {
    @Override
    public boolean passed() {
      return true;
    }
  }

  /**
   * A block did not hold. {@code condition} is the failing condition (for an {@code any} block
   * whose every condition failed: the last one tried), {@code key}/{@code value} the substituted
   * values that were compared.
   */
  record Failed(Condition condition, JsonNode key, JsonNode value, String blockType)
      implements ConditionResult {
    @Override
    public boolean passed() {
      return false;
    }

    /**
     * A message for users, e.g. {@code condition failed: key "main" (from {{ repo.branch }}) Equals
     * "release"}.
     */
    public String describe() {
      String custom =
          condition.message() == null || condition.message().isBlank()
              ? ""
              : condition.message() + ": ";
      String source =
          condition.key().isTextual() && condition.key().asText().contains("{{")
              ? " (from " + condition.key().asText() + ")"
              : "";
      String what = "any".equals(blockType) ? "no condition in 'any' holds; last" : "condition";
      return custom
          + what
          + " failed: key "
          + compact(key)
          + source
          + " "
          + condition.operator().policyName()
          + " "
          + compact(value)
          + " is false";
    }

    private static String compact(JsonNode n) {
      String s = n == null ? "null" : n.toString();
      return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
  }

  /**
   * A variable or expression could not be evaluated; Kyverno reports these as rule errors, not as
   * failures.
   */
  record Error(Condition condition, String message) implements ConditionResult {
    @Override
    public boolean passed() {
      return false;
    }
  }
}
