package dev.imagegate.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@code {{ }}} substitution: the value with every variable replaced, or the first
 * variable that failed.
 */
public sealed interface SubstitutionResult {
  record Substituted(JsonNode value) implements SubstitutionResult {}

  /**
   * {@code variable} is the text as written, e.g. {@code {{ repo.uri }}}; {@code message} says why,
   * for users.
   */
  record Failed(String variable, @Nullable String message) implements SubstitutionResult {}
}
