package dev.imagegate.base;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Kyverno's {@code time_to_cron} (JMESPath, legacy policies) and {@code time.toCron} (CEL,
 * ImageValidatingPolicies): one instant as a five-field cron expression in UTC. Here so that both
 * policy languages, which share no module but this one, give the same text.
 */
public final class CronText {
  private CronText() {}

  /**
   * {@code "minute hour day-of-month month day-of-week"} of {@code instant} in UTC; Sunday is 0.
   */
  public static String of(Instant instant) {
    ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
    return t.getMinute()
        + " "
        + t.getHour()
        + " "
        + t.getDayOfMonth()
        + " "
        + t.getMonthValue()
        + " "
        + (t.getDayOfWeek().getValue() % 7);
  }
}
