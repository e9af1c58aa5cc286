package dev.imagegate.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void honoursRetryAfterSecondsAndHttpDates() {
    assertThat(RetryPolicy.parseRetryAfter("2", NOW)).isEqualTo(2000);
    assertThat(RetryPolicy.parseRetryAfter(" 0 ", NOW)).isZero();
    assertThat(RetryPolicy.parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", NOW)).isEqualTo(5000);
    assertThat(RetryPolicy.parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", NOW)).isZero();
    assertThat(RetryPolicy.parseRetryAfter("soon", NOW)).isEqualTo(-1);
    assertThat(RetryPolicy.parseRetryAfter(null, NOW)).isEqualTo(-1);
    assertThat(RetryPolicy.parseRetryAfter("99999999999999", NOW)).isGreaterThan(1_000_000_000L);
  }

  @Test
  void backsOffExponentiallyWithACapWhenTheServerDoesNotSay() {
    RetryPolicy p = new RetryPolicy(3);
    assertThat(p.delayMillis(0, null, NOW)).isEqualTo(200);
    assertThat(p.delayMillis(1, null, NOW)).isEqualTo(400);
    assertThat(p.delayMillis(2, null, NOW)).isEqualTo(800);
    assertThat(p.delayMillis(30, null, NOW)).isEqualTo(RetryPolicy.MAX_DELAY_MS);
    assertThat(p.delayMillis(0, "3", NOW)).isEqualTo(3000);
  }

  @Test
  void retriesAreBounded() {
    RetryPolicy p = new RetryPolicy(2);
    assertThat(p.mayRetry(0)).isTrue();
    assertThat(p.mayRetry(1)).isTrue();
    assertThat(p.mayRetry(2)).isFalse();
    assertThat(RetryPolicy.retryable(429)).isTrue();
    assertThat(RetryPolicy.retryable(503)).isTrue();
    assertThat(RetryPolicy.retryable(500)).isFalse();
  }
}
