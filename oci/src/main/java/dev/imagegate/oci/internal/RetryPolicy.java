package dev.imagegate.oci.internal;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * When to retry a 429/503 answer and how long to wait: the server's {@code Retry-After} (delta
 * seconds or an HTTP date) when given, else exponential back-off from {@link #BASE_DELAY_MS},
 * capped.
 */
final class RetryPolicy {
  static final long BASE_DELAY_MS = 200;
  static final long MAX_DELAY_MS = 5_000;
  private final int maxRetries;

  RetryPolicy(int maxRetries) {
    this.maxRetries = Math.max(0, maxRetries);
  }

  static boolean retryable(int status) {
    return status == 429 || status == 503;
  }

  boolean mayRetry(int retriesSoFar) {
    return retriesSoFar < maxRetries;
  }

  int maxRetries() {
    return maxRetries;
  }

  /** Delay before retry number {@code retriesSoFar + 1}. */
  long delayMillis(int retriesSoFar, @Nullable String retryAfter, Instant now) {
    long server = parseRetryAfter(retryAfter, now);
    if (server >= 0) {
      return server;
    }
    return Math.min(MAX_DELAY_MS, BASE_DELAY_MS << Math.min(retriesSoFar, 20));
  }

  /** Milliseconds asked for by a Retry-After value, or -1 when absent or unreadable. */
  static long parseRetryAfter(@Nullable String value, Instant now) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      return v.length() > 9 ? Long.MAX_VALUE / 2 : Long.parseLong(v) * 1000;
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Math.max(0, at.toEpochMilli() - now.toEpochMilli());
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
