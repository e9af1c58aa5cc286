package dev.imagegate.cosign.internal;

import dev.imagegate.verify.Failure;

/**
 * A value, or the {@link Failure} (code and message) that stands in its place: base's {@code
 * Result} idiom for the steps of a cosign verification, whose failures must keep their stable code
 * for findings and metrics (a plain reason string would lose it). Callers switch over the two
 * cases.
 *
 * @param <T> the value's type
 */
sealed interface Verdict<T> {
  /** The step held and yields {@code value}. */
  record Ok<T>(T value) implements Verdict<T> {}

  /** The step failed for {@code failure}. */
  record Err<T>(Failure failure) implements Verdict<T> {
    /** The same failure as a verdict of another type (for returning it upwards). */
    <U> Err<U> cast() {
      return new Err<>(failure);
    }
  }

  static <T> Verdict<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Verdict<T> err(Failure failure) {
    return new Err<>(failure);
  }

  static <T> Verdict<T> err(Failure.Code code, String message) {
    return new Err<>(new Failure(code, message));
  }
}
