package dev.imagegate.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One Kyverno condition: {@code key}, {@code operator}, {@code value}, optional {@code message}.
 * Key and value are raw JSON as written in the policy; {@code {{ }}} variables in them are
 * substituted at evaluation time.
 */
public record Condition(JsonNode key, Operator operator, JsonNode value, @Nullable String message) {
  public Condition {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(value, "value");
  }
}
