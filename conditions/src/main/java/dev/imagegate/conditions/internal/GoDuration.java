package dev.imagegate.conditions.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration} and {@code Duration.String()}: policies write durations the Go
 * way ({@code 1h30m}, {@code 300ms}, {@code -1.5h}) and Kyverno prints them the Go way ({@code
 * 1h0m0s}).
 */
public final class GoDuration {
  private static final Pattern PART =
      Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");

  private GoDuration() {}

  public static Optional<Duration> parse(String s) {
    if (s == null || s.isEmpty() || s.length() > 100) {
      return Optional.empty();
    }
    String rest = s;
    boolean negative = false;
    if (rest.charAt(0) == '-' || rest.charAt(0) == '+') {
      negative = rest.charAt(0) == '-';
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher m = PART.matcher(rest);
    int pos = 0;
    while (pos < rest.length()) {
      if (!m.find(pos) || m.start() != pos || m.group(1).isEmpty() || m.group(1).equals(".")) {
        return Optional.empty();
      }
      nanos =
          nanos.add(
              new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1))
                  .multiply(unitNanos(m.group(2))));
      pos = m.end();
    }
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Optional.empty();
    }
    long n = nanos.longValue();
    return Optional.of(Duration.ofNanos(negative ? -n : n));
  }

  private static BigDecimal unitNanos(String unit) {
    return BigDecimal.valueOf(
        switch (unit) {
          case "ns" -> 1L;
          case "us", "µs", "μs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        });
  }

  /** Formats like Go: {@code 1h0m0s}, {@code 1.5s}, {@code 300ms}, {@code 0s}. */
  public static String format(Duration d) {
    long n = d.toNanos();
    if (n == 0) {
      return "0s";
    }
    boolean neg = n < 0;
    long u = Math.abs(n);
    StringBuilder sb = new StringBuilder();
    if (u < 1_000_000_000L) {
      // Sub-second values use the largest unit that keeps a non-zero integer part.
      String unit;
      long scale;
      if (u < 1_000L) {
        unit = "ns";
        scale = 1;
      } else if (u < 1_000_000L) {
        unit = "µs";
        scale = 1_000;
      } else {
        unit = "ms";
        scale = 1_000_000;
      }
      sb.append(fraction(u, scale)).append(unit);
    } else {
      long hours = u / 3_600_000_000_000L;
      long rem = u % 3_600_000_000_000L;
      long minutes = rem / 60_000_000_000L;
      long secNanos = rem % 60_000_000_000L;
      if (hours > 0) {
        sb.append(hours).append('h');
      }
      if (hours > 0 || minutes > 0) {
        sb.append(minutes).append('m');
      }
      sb.append(fraction(secNanos, 1_000_000_000L)).append('s');
    }
    return (neg ? "-" : "") + sb;
  }

  private static String fraction(long value, long scale) {
    BigDecimal v = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(scale)).stripTrailingZeros();
    return v.scale() <= 0 ? v.toBigInteger().toString() : v.toPlainString();
  }
}
