package dev.imagegate.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting in real time for tests of time-based behaviour that runs in the background (a cache
 * refreshed ahead of its expiry): the tests assert orderings with margins of seconds, never how
 * long something took.
 */
public final class RealTime {
  private RealTime() {}

  /** Sleeps until {@code after} has passed since {@code start} ({@link System#nanoTime}). */
  public static void sleepUntil(long start, Duration after) throws InterruptedException {
    long wait = start + after.toNanos() - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(Duration.ofNanos(wait));
    }
  }

  /**
   * The {@link System#nanoTime} at which {@code condition} first held (polled every 20 ms), or
   * {@link Long#MAX_VALUE} when it did not hold before {@code limit}.
   */
  public static long awaitNanos(BooleanSupplier condition, long limit) throws InterruptedException {
    while (System.nanoTime() < limit) {
      if (condition.getAsBoolean()) {
        return System.nanoTime();
      }
      Thread.sleep(20);
    }
    return Long.MAX_VALUE;
  }
}
