package dev.imagegate.conditions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.base.Wildcard;
import dev.imagegate.conditions.Operator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kyverno's operator semantics on already-substituted values. Type mismatches are {@code false},
 * never errors, as in Kyverno (which only logs them).
 */
public final class Operators {
  private Operators() {}

  public static boolean evaluate(Operator op, JsonNode key, JsonNode value) {
    return switch (op) {
      case EQUALS -> Equality.equals(key, value);
      case NOT_EQUALS -> !Equality.equals(key, value);
      case IN -> in(key, value);
      case NOT_IN -> !in(key, value);
      case ANY_IN -> SetOperators.anyIn(key, value);
      case ALL_IN -> SetOperators.allIn(key, value);
      case ANY_NOT_IN -> SetOperators.anyNotIn(key, value);
      case ALL_NOT_IN -> SetOperators.allNotIn(key, value);
      case GREATER_THAN, GREATER_THAN_OR_EQUALS, LESS_THAN, LESS_THAN_OR_EQUALS ->
          numeric(op, key, value);
      case DURATION_GREATER_THAN,
          DURATION_GREATER_THAN_OR_EQUALS,
          DURATION_LESS_THAN,
          DURATION_LESS_THAN_OR_EQUALS ->
          duration(op, key, value);
    };
  }

  /**
   * The deprecated In: every key element (or the scalar key) occurs in the value list; value
   * wildcards allowed.
   */
  private static boolean in(JsonNode key, JsonNode value) {
    Optional<List<String>> values = stringList(value);
    if (values.isEmpty()) {
      return false;
    }
    List<String> keys = new ArrayList<>();
    if (key.isArray()) {
      key.forEach(k -> keys.add(Values.sprint(k)));
    } else if (key.isValueNode() && !key.isNull()) {
      keys.add(Values.sprint(key));
    } else {
      return false;
    }
    return keys.stream()
        .allMatch(k -> values.get().stream().anyMatch(v -> v.equals(k) || Wildcard.match(v, k)));
  }

  /** A value list: a JSON array, a string holding a JSON array of strings, or a single string. */
  static Optional<List<String>> stringList(JsonNode value) {
    if (value.isArray()) {
      List<String> out = new ArrayList<>();
      value.forEach(v -> out.add(Values.sprint(v)));
      return Optional.of(out);
    }
    if (value.isTextual()) {
      return Optional.of(Values.jsonStringArray(value.asText()).orElse(List.of(value.asText())));
    }
    if (value.isNumber() || value.isBoolean()) {
      return Optional.of(List.of(Values.sprint(value)));
    }
    return Optional.empty();
  }

  private static boolean numeric(Operator op, JsonNode key, JsonNode value) {
    if (key.isNumber()) {
      return numberAgainst(op, key.decimalValue(), value);
    }
    if (!key.isTextual()) {
      return false;
    }
    String k = key.asText();
    Optional<Duration[]> durations = durationPair(key, value);
    if (durations.isPresent()) {
      return compare(op, durations.get()[0].compareTo(durations.get()[1]));
    }
    Optional<Quantity> kq = Quantity.parse(k);
    if (kq.isPresent() && value.isTextual()) {
      Optional<Quantity> vq = Quantity.parse(value.asText());
      if (vq.isPresent()) {
        return compare(op, kq.get().compareTo(vq.get()));
      }
    }
    Optional<Double> kd = Values.parseDouble(k);
    if (kd.isPresent()) {
      return numberAgainst(op, BigDecimal.valueOf(kd.get()), value);
    }
    Optional<Semver> kv = Semver.parseStrict(k);
    if (kv.isPresent() && value.isTextual()) {
      return Semver.parseStrict(value.asText())
          .map(v -> compare(op, kv.get().compareTo(v)))
          .orElse(false);
    }
    return false;
  }

  private static boolean numberAgainst(Operator op, BigDecimal key, JsonNode value) {
    if (value.isNumber()) {
      return compare(op, key.compareTo(value.decimalValue()));
    }
    if (value.isTextual()) {
      Optional<Duration> d = GoDuration.parse(value.asText());
      if (d.isPresent() && !value.asText().equals("0")) {
        return compare(op, seconds(key).compareTo(d.get()));
      }
      return Values.parseDouble(value.asText())
          .map(v -> compare(op, key.compareTo(BigDecimal.valueOf(v))))
          .orElse(false);
    }
    return false;
  }

  private static boolean duration(Operator op, JsonNode key, JsonNode value) {
    Optional<Duration> k = asDuration(key);
    Optional<Duration> v = asDuration(value);
    return k.isPresent() && v.isPresent() && compare(op, k.get().compareTo(v.get()));
  }

  /** Numbers are seconds; strings are Go durations. */
  static Optional<Duration> asDuration(JsonNode n) {
    if (n.isNumber()) {
      return Optional.of(seconds(n.decimalValue()));
    }
    return n.isTextual() ? GoDuration.parse(n.asText()) : Optional.empty();
  }

  /**
   * Both sides as durations when at least one is a duration string (Kyverno checks durations before
   * anything else).
   */
  static Optional<Duration[]> durationPair(JsonNode key, JsonNode value) {
    boolean keyIsDurationText = key.isTextual() && isDurationText(key.asText());
    boolean valueIsDurationText = value.isTextual() && isDurationText(value.asText());
    if (!keyIsDurationText && !valueIsDurationText) {
      return Optional.empty();
    }
    Optional<Duration> k = asDuration(key);
    Optional<Duration> v = asDuration(value);
    return k.isPresent() && v.isPresent()
        ? Optional.of(new Duration[] {k.get(), v.get()})
        : Optional.empty();
  }

  /** A string with a unit (a bare "0" parses in Go but would turn every zero into a duration). */
  private static boolean isDurationText(String s) {
    return !s.equals("0") && GoDuration.parse(s).isPresent();
  }

  private static Duration seconds(BigDecimal s) {
    return Duration.ofNanos(s.movePointRight(9).longValue());
  }

  private static boolean compare(Operator op, int c) {
    return switch (op) {
      case GREATER_THAN, DURATION_GREATER_THAN -> c > 0;
      case GREATER_THAN_OR_EQUALS, DURATION_GREATER_THAN_OR_EQUALS -> c >= 0;
      case LESS_THAN, DURATION_LESS_THAN -> c < 0;
      case LESS_THAN_OR_EQUALS, DURATION_LESS_THAN_OR_EQUALS -> c <= 0;
      default -> false;
    };
  }
}
