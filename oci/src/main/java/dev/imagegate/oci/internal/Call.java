package dev.imagegate.oci.internal;

import dev.imagegate.oci.RegistryException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One operation in progress: what it is (for messages), its deadline, and how many HTTP exchanges
 * it used. Confined to the calling thread.
 */
final class Call {
  private final String description;
  private final long startNanos;
  private final long timeoutNanos;
  private final java.util.function.BooleanSupplier cancelled;
  private int exchanges;

  Call(String description, Duration timeout) {
    this(description, timeout, () -> false);
  }

  Call(String description, Duration timeout, java.util.function.BooleanSupplier cancelled) {
    this.description = description;
    this.startNanos = System.nanoTime();
    this.timeoutNanos = timeout.toNanos();
    this.cancelled = cancelled;
  }

  String description() {
    return description;
  }

  long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /**
   * Milliseconds left, at least 1; throws TIMEOUT when none are left or the operation was cancelled
   * (every HTTP exchange and retry asks first, so none starts after a cancellation).
   */
  long remainingMillis() throws RegistryException {
    if (cancelled.getAsBoolean()) {
      throw new RegistryException(
          RegistryException.Kind.TIMEOUT,
          0,
          description + ": cancelled (nobody waits for the answer any more)",
          null);
    }
    long left = (startNanos + timeoutNanos - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw timeout(null);
    }
    return left;
  }

  RegistryException timeout(@Nullable Throwable cause) {
    return new RegistryException(
        RegistryException.Kind.TIMEOUT,
        0,
        description
            + ": timed out after "
            + elapsedMillis()
            + " ms (deadline "
            + timeoutNanos / 1_000_000
            + " ms)",
        cause);
  }

  void countExchange() {
    exchanges++;
  }

  int exchanges() {
    return exchanges;
  }
}
