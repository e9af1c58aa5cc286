package dev.imagegate.conditions.internal;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 1Gi}, {@code 500m}, {@code 1e3}) as exact decimals, for
 * comparisons and arithmetic.
 */
public record Quantity(BigDecimal value, String suffix) implements Comparable<Quantity> {
  private static final Pattern FORM =
      Pattern.compile(
          "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

  public static Optional<Quantity> parse(String s) {
    if (s == null || s.length() > 64) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(s.trim());
    if (!m.matches() || s.trim().isEmpty()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2) == null ? "" : m.group(2);
    return Optional.of(new Quantity(number.multiply(multiplier(suffix)), suffix));
  }

  private static BigDecimal multiplier(String suffix) {
    if (suffix.matches("[eE][+-]?[0-9]+")) {
      int exp = Integer.parseInt(suffix.substring(1));
      return exp >= 0
          ? BigDecimal.TEN.pow(Math.min(exp, 60))
          : BigDecimal.ONE.divide(BigDecimal.TEN.pow(Math.min(-exp, 60)));
    }
    return switch (suffix) {
      case "" -> BigDecimal.ONE;
      case "n" -> new BigDecimal("1e-9");
      case "u" -> new BigDecimal("1e-6");
      case "m" -> new BigDecimal("1e-3");
      case "k" -> new BigDecimal("1e3");
      case "M" -> new BigDecimal("1e6");
      case "G" -> new BigDecimal("1e9");
      case "T" -> new BigDecimal("1e12");
      case "P" -> new BigDecimal("1e15");
      case "E" -> new BigDecimal("1e18");
      case "Ki" -> BigDecimal.valueOf(1L << 10);
      case "Mi" -> BigDecimal.valueOf(1L << 20);
      case "Gi" -> BigDecimal.valueOf(1L << 30);
      case "Ti" -> BigDecimal.valueOf(1L << 40);
      case "Pi" -> BigDecimal.valueOf(1L << 50);
      default -> BigDecimal.valueOf(1L << 60);
    };
  }

  /**
   * Canonical text in the family (binary or decimal) of {@code suffix}, e.g. 1.5Gi as {@code
   * 1536Mi}.
   */
  public static String format(BigDecimal value, String suffix) {
    return QuantityFormat.format(value, suffix);
  }

  @Override
  public int compareTo(Quantity o) {
    return value.compareTo(o.value);
  }
}
