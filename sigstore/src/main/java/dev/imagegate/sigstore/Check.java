package dev.imagegate.sigstore;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of one verification building block: either it passed and yields a value (a verified time,
 * a certificate path, ...) or it failed with precise, human-readable reasons. Failures are values
 * because a bad signature is an expected outcome, not a bug.
 */
public sealed interface Check<T> {

  record Passed<T>(T value) implements Check<T> {
    public Passed {
      Objects.requireNonNull(value, "value");
    }
  }

  record Failed<T>(List<String> reasons) implements Check<T> {
    public Failed {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a failed check needs at least one reason");
      }
    }

    /** Re-types a failure so it can be returned from a check producing another value type. */
    public <U> Failed<U> cast() {
      return new Failed<>(reasons);
    }
  }

  static <T> Check<T> passed(T value) {
    return new Passed<>(value);
  }

  static <T> Check<T> failed(String reason) {
    return new Failed<>(List.of(reason));
  }

  static <T> Check<T> failed(List<String> reasons) {
    return new Failed<>(reasons);
  }

  default boolean isPassed() {
    return this instanceof Passed;
  }

  /**
   * The value of a passed check; throws {@link IllegalStateException} on a failed one (a caller
   * bug).
   */
  default T value() {
    if (this instanceof Passed<T> p) {
      return p.value();
    }
    throw new IllegalStateException("check failed: " + reasons());
  }

  /** The reasons of a failed check, empty for a passed one. */
  default List<String> reasons() {
    return this instanceof Failed<T> f ? f.reasons() : List.of();
  }
}
