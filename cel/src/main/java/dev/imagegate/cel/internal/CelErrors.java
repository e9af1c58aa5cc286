package dev.imagegate.cel.internal;

import dev.cel.common.exceptions.CelInvalidArgumentException;
import org.jspecify.annotations.Nullable;

/**
 * Evaluation errors raised by the hand-written functions. cel-java reports a {@code
 * CelRuntimeException} thrown by a function with its own message; any other exception becomes a
 * generic "Function 'x' failed with arg(s)" error, losing the reason.
 */
final class CelErrors {
  private CelErrors() {}

  static CelInvalidArgumentException error(String message) {
    return new CelInvalidArgumentException(message);
  }

  static CelInvalidArgumentException error(String format, @Nullable Object... args) {
    return new CelInvalidArgumentException(String.format(format, args));
  }
}
