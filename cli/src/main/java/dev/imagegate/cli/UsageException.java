package dev.imagegate.cli;

import org.jspecify.annotations.Nullable;

/** A usage or configuration error detected by a command (exit code 2). */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(@Nullable String message) {
    super(message);
  }

  UsageException(@Nullable String message, Throwable cause) {
    super(message, cause);
  }
}
