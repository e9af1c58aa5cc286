package dev.imagegate.verify;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Accumulates time per phase of one verification (okhttp's event-listener idea, reduced to what a
 * decision breakdown needs). Thread-safe: concurrent sub-verifications add to the same instance.
 */
public final class PhaseTimings {
  /** Where time goes. */
  public enum Phase {
    RESOLVE,
    DISCOVER,
    FETCH,
    CRYPTO,
    TLOG
  }

  private final LongAdder[] nanos = new LongAdder[Phase.values().length];

  public PhaseTimings() {
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = new LongAdder();
    }
  }

  public void add(Phase phase, long elapsedNanos) {
    nanos[phase.ordinal()].add(elapsedNanos);
  }

  /**
   * Runs {@code work} and charges its wall time to {@code phase}, also when it throws.
   *
   * @throws E whatever {@code work} throws, unchanged
   */
  public <T extends @Nullable Object, E extends Exception> T time(
      Phase phase, ThrowingSupplier<T, E> work) throws E {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      add(phase, System.nanoTime() - start);
    }
  }

  public Duration get(Phase phase) {
    return Duration.ofNanos(nanos[phase.ordinal()].sum());
  }

  /** A supplier that may throw a checked exception. */
  @FunctionalInterface
  public interface ThrowingSupplier<T extends @Nullable Object, E extends Exception> {
    T get() throws E;
  }
}
