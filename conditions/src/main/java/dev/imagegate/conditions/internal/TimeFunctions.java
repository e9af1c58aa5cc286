package dev.imagegate.conditions.internal;

import static dev.imagegate.conditions.internal.KyvernoFunction.error;
import static dev.imagegate.conditions.internal.KyvernoFunction.of;
import static dev.imagegate.conditions.internal.KyvernoFunction.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.burt.jmespath.function.Function;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;

/**
 * Kyverno's time functions. Timestamps are RFC 3339 strings; "now" comes from the injected clock.
 */
final class TimeFunctions {
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
  private static final String GO_RFC3339 = "2006-01-02T15:04:05Z07:00";

  private TimeFunctions() {}

  static List<Function> all(Clock clock) {
    return List.of(
        of("time_now", 0, a -> format(ZonedDateTime.now(clock).toOffsetDateTime())),
        of("time_now_utc", 0, a -> format(OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)))),
        of(
            "time_utc",
            1,
            a -> format(timeArg("time_utc", a, 0).withOffsetSameInstant(ZoneOffset.UTC))),
        of(
            "time_add",
            2,
            a ->
                format(
                    timeArg("time_add", a, 0).plus(duration("time_add", text("time_add", a, 1))))),
        of(
            "time_parse",
            2,
            a ->
                format(
                    parse(
                        "time_parse",
                        text("time_parse", a, 0),
                        KyvernoFunction.textOrNumber("time_parse", a, 1)))),
        of(
            "time_to_cron",
            1,
            a ->
                Values.NODES.textNode(
                    dev.imagegate.base.CronText.of(timeArg("time_to_cron", a, 0).toInstant()))),
        of("time_diff", 2, a -> between(timeArg("time_diff", a, 0), timeArg("time_diff", a, 1))),
        of(
            "time_since",
            3,
            a -> {
              String layout = text("time_since", a, 0);
              OffsetDateTime start = parse("time_since", layout, text("time_since", a, 1));
              String endText = text("time_since", a, 2);
              OffsetDateTime end =
                  endText.isEmpty()
                      ? OffsetDateTime.now(clock)
                      : parse("time_since", layout, endText);
              return between(start, end);
            }),
        of(
            "time_before",
            2,
            a ->
                Values.NODES.booleanNode(
                    timeArg("time_before", a, 0).isBefore(timeArg("time_before", a, 1)))),
        of(
            "time_after",
            2,
            a ->
                Values.NODES.booleanNode(
                    timeArg("time_after", a, 0).isAfter(timeArg("time_after", a, 1)))),
        of(
            "time_between",
            3,
            a -> {
              OffsetDateTime t = timeArg("time_between", a, 0);
              return Values.NODES.booleanNode(
                  t.isAfter(timeArg("time_between", a, 1))
                      && t.isBefore(timeArg("time_between", a, 2)));
            }),
        of(
            "time_truncate",
            2,
            a -> {
              OffsetDateTime t = timeArg("time_truncate", a, 0);
              long step = duration("time_truncate", text("time_truncate", a, 1)).toNanos();
              if (step <= 0) {
                return format(t);
              }
              // Go truncates relative to its zero time (year 1); for steps dividing a day that
              // equals truncating epoch nanoseconds.
              java.math.BigInteger epochNanos =
                  java.math.BigInteger.valueOf(t.toInstant().getEpochSecond())
                      .multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                      .add(java.math.BigInteger.valueOf(t.toInstant().getNano()));
              java.math.BigInteger[] qr =
                  epochNanos.divideAndRemainder(java.math.BigInteger.valueOf(step));
              java.math.BigInteger floor =
                  qr[1].signum() < 0 ? qr[0].subtract(java.math.BigInteger.ONE) : qr[0];
              java.math.BigInteger[] secs =
                  floor
                      .multiply(java.math.BigInteger.valueOf(step))
                      .divideAndRemainder(java.math.BigInteger.valueOf(1_000_000_000L));
              Instant truncated = Instant.ofEpochSecond(secs[0].longValue(), secs[1].longValue());
              return format(truncated.atOffset(t.getOffset()));
            }));
  }

  private static JsonNode format(OffsetDateTime t) {
    return Values.NODES.textNode(RFC3339.format(t));
  }

  private static JsonNode between(OffsetDateTime a, OffsetDateTime b) {
    return Values.NODES.textNode(GoDuration.format(Duration.between(a, b)));
  }

  private static Duration duration(String f, String s) {
    return GoDuration.parse(s)
        .orElseThrow(() -> error(f, "'" + s + "' is not a duration (e.g. 1h30m)"));
  }

  /** Argument {@code i} of function {@code f}, an RFC 3339 time. */
  private static OffsetDateTime timeArg(String f, List<JsonNode> a, int i) {
    return rfc3339(f, text(f, a, i));
  }

  private static OffsetDateTime rfc3339(String f, String s) {
    try {
      return OffsetDateTime.parse(s);
    } catch (DateTimeParseException e) {
      throw error(f, "'" + s + "' is not an RFC 3339 time (e.g. 2024-01-02T15:04:05Z)");
    }
  }

  /** Parses with a Go layout; an empty layout means RFC 3339; an integer value is Unix seconds. */
  static OffsetDateTime parse(String f, String layout, String value) {
    if (value.matches("-?[0-9]{1,18}")) {
      return Instant.ofEpochSecond(Long.parseLong(value)).atOffset(ZoneOffset.UTC);
    }
    if (layout.isEmpty() || layout.equals(GO_RFC3339)) {
      return rfc3339(f, value);
    }
    try {
      TemporalAccessor parsed = GoTimeLayout.toFormatter(layout).parse(value);
      if (parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)) {
        return OffsetDateTime.from(parsed);
      }
      if (parsed.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)) {
        return LocalDateTime.from(parsed).atOffset(ZoneOffset.UTC);
      }
      return LocalDate.from(parsed).atStartOfDay().atOffset(ZoneOffset.UTC);
    } catch (RuntimeException e) {
      throw error(f, "'" + value + "' does not match the layout '" + layout + "'");
    }
  }
}
