package dev.imagegate.base;

import java.util.function.Function;

/**
 * A value, or the reason there is none: the one result idiom of the verifiers and the policy model
 * (an expected failure is a value with a precise reason, never an exception and never a pair of
 * nullable fields). Callers switch over the two cases or use {@link #isOk()} and the accessors.
 *
 * @param <T> the value's type
 */
public sealed interface Result<T> {
  /** Success. */
  record Ok<T>(T value) implements Result<T> {}

  /**
   * Failure; {@code reason} is a complete sentence fragment for the user ("signing certificate not
   * found in the timestamp token").
   */
  record Err<T>(String reason) implements Result<T> {
    /** The same failure as a result of another type (for returning it upwards). */
    public <U> Err<U> cast() {
      return new Err<>(reason);
    }
  }

  static <T> Result<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Result<T> err(String reason) {
    return new Err<>(reason);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  /**
   * The value.
   *
   * @throws IllegalStateException for a failure (a bug: check {@link #isOk()} or switch first)
   */
  default T value() {
    return switch (this) {
      case Ok<T> ok -> ok.value();
      case Err<T> err -> throw new IllegalStateException("no value: " + err.reason());
    };
  }

  /**
   * The reason.
   *
   * @throws IllegalStateException for a success (a bug: check {@link #isOk()} or switch first)
   */
  default String reason() {
    return switch (this) {
      case Ok<T> ok -> throw new IllegalStateException("a success has no reason");
      case Err<T> err -> err.reason();
    };
  }

  /** Applies {@code f} to a value; a failure passes through unchanged. */
  default <U> Result<U> map(Function<? super T, ? extends U> f) {
    return switch (this) {
      case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
      case Err<T> err -> err.cast();
    };
  }
}
