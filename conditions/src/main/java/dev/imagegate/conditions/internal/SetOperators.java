package dev.imagegate.conditions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.base.Wildcard;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AnyIn, AllIn, AnyNotIn, AllNotIn. The key is a scalar or an array; the value an array, a single
 * string, a string holding a JSON array, or a range ({@code 1-5}, {@code 1!-5}). Elements match
 * when either is a wildcard pattern of the other.
 */
final class SetOperators {
  private SetOperators() {}

  static boolean anyIn(JsonNode key, JsonNode value) {
    return keys(key).map(k -> evaluate(k, value, Mode.ANY_IN)).orElse(false);
  }

  static boolean allIn(JsonNode key, JsonNode value) {
    return keys(key).map(k -> evaluate(k, value, Mode.ALL_IN)).orElse(false);
  }

  static boolean anyNotIn(JsonNode key, JsonNode value) {
    return keys(key).map(k -> evaluate(k, value, Mode.ANY_NOT_IN)).orElse(false);
  }

  static boolean allNotIn(JsonNode key, JsonNode value) {
    return keys(key).map(k -> evaluate(k, value, Mode.ALL_NOT_IN)).orElse(false);
  }

  private enum Mode {
    ANY_IN,
    ALL_IN,
    ANY_NOT_IN,
    ALL_NOT_IN
  }

  private static Optional<List<String>> keys(JsonNode key) {
    if (key.isArray()) {
      List<String> out = new ArrayList<>();
      key.forEach(k -> out.add(Values.sprint(k)));
      return Optional.of(out);
    }
    if (key.isTextual() || key.isNumber() || key.isBoolean()) {
      return Optional.of(List.of(Values.sprint(key)));
    }
    return Optional.empty();
  }

  private static boolean evaluate(List<String> keys, JsonNode value, Mode mode) {
    if (value.isTextual()) {
      Optional<Ranges.Range> range = Ranges.parse(value.asText());
      if (range.isPresent()) {
        return count(keys, range.get()::contains, mode);
      }
    }
    Optional<List<String>> values = Operators.stringList(value);
    if (values.isEmpty()) {
      return false;
    }
    return count(
        keys,
        k -> values.get().stream().anyMatch(v -> Wildcard.match(v, k) || Wildcard.match(k, v)),
        mode);
  }

  private static boolean count(
      List<String> keys, java.util.function.Predicate<String> found, Mode mode) {
    long hits = keys.stream().filter(found).count();
    return switch (mode) {
      case ANY_IN -> hits > 0;
      case ALL_IN -> hits == keys.size();
      case ANY_NOT_IN -> hits < keys.size();
      case ALL_NOT_IN -> hits == 0;
    };
  }
}
