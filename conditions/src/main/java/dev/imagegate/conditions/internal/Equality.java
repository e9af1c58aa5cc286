package dev.imagegate.conditions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.base.Wildcard;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * Kyverno's Equals: typed by the key; strings try duration, then quantity, then wildcard match with
 * the value as pattern.
 */
final class Equality {
  private Equality() {}

  static boolean equals(JsonNode key, JsonNode value) {
    if (key.isBoolean()) {
      return value.isBoolean() && key.booleanValue() == value.booleanValue();
    }
    if (key.isNumber()) {
      return numberEquals(key.decimalValue(), key.isIntegralNumber(), value);
    }
    if (key.isTextual()) {
      return stringEquals(key.asText(), key, value);
    }
    if (key.isObject() || key.isArray()) {
      return Values.deepEquals(key, value);
    }
    return false;
  }

  private static boolean numberEquals(BigDecimal key, boolean integral, JsonNode value) {
    if (value.isNumber()) {
      return key.compareTo(value.decimalValue()) == 0;
    }
    if (value.isTextual()) {
      String s = value.asText();
      if (integral) {
        try {
          return key.compareTo(new BigDecimal(Long.parseLong(s))) == 0;
        } catch (NumberFormatException e) {
          return false;
        }
      }
      return Values.parseDouble(s)
          .map(d -> key.compareTo(BigDecimal.valueOf(d)) == 0)
          .orElse(false);
    }
    return false;
  }

  private static boolean stringEquals(String key, JsonNode keyNode, JsonNode value) {
    Optional<Duration[]> durations = Operators.durationPair(keyNode, value);
    if (durations.isPresent()) {
      return durations.get()[0].equals(durations.get()[1]);
    }
    Optional<Quantity> kq = Quantity.parse(key);
    if (kq.isPresent() && value.isTextual()) {
      return Quantity.parse(value.asText()).map(v -> v.compareTo(kq.get()) == 0).orElse(false);
    }
    return value.isTextual() && Wildcard.match(value.asText(), key);
  }
}
