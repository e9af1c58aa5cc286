package dev.imagegate.cel.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A Kubernetes {@code resource.Quantity} value: parsed as {@code ParseQuantity} does (decimal SI
 * suffixes {@code n u m "" k M G T P E}, binary {@code Ki Mi Gi Ti Pi Ei}, exponents {@code e3
 * E3}); values are exact, with Kubernetes' rounding up (away from zero) to nano precision. Equality
 * is numeric, as Kubernetes' {@code Quantity.Equal}.
 */
final class Quantity implements Comparable<Quantity> {
  static final String FORMAT_ERROR =
      "quantities must match the regular expression"
          + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")),
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  final BigDecimal value;

  Quantity(BigDecimal value) {
    this.value =
        value.setScale(Math.max(value.scale(), 0) > 9 ? 9 : value.scale(), RoundingMode.UP);
  }

  static Quantity parse(String s) {
    if (s.isEmpty() || s.length() > 1024) {
      throw new IllegalArgumentException(FORMAT_ERROR);
    }
    int i = 0;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      i++;
    }
    int digitsStart = i;
    boolean dot = false;
    int digits = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
      i++;
    }
    if (digits == 0) {
      throw new IllegalArgumentException(FORMAT_ERROR);
    }
    String number = s.substring(0, i);
    if (number.charAt(digitsStart) == '.') {
      number = number.substring(0, digitsStart) + "0" + number.substring(digitsStart);
    }
    if (number.endsWith(".")) {
      number = number + "0";
    }
    String suffix = s.substring(i);
    BigDecimal multiplier = SUFFIXES.get(suffix);
    if (multiplier == null) {
      if (suffix.length() > 1
          && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')
          && suffix.substring(1).matches("[-+]?[0-9]{1,4}")) {
        int exp = Integer.parseInt(suffix.substring(1));
        multiplier = BigDecimal.ONE.scaleByPowerOfTen(exp);
      } else if (suffix.matches("[eEinumkKMGTP]*[-+]?[0-9]*")) {
        throw new IllegalArgumentException("unable to parse quantity's suffix");
      } else {
        throw new IllegalArgumentException(FORMAT_ERROR);
      }
    }
    return new Quantity(new BigDecimal(number).multiply(multiplier));
  }

  int sign() {
    return value.signum();
  }

  /** {@code AsInt64}: the exact value when it is an integer within int64. */
  boolean isInteger() {
    try {
      value.longValueExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  long asInteger() {
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      throw CelErrors.error("cannot convert value to integer");
    }
  }

  double asApproximateFloat() {
    return value.doubleValue();
  }

  Quantity add(Quantity o) {
    return new Quantity(value.add(o.value));
  }

  Quantity sub(Quantity o) {
    return new Quantity(value.subtract(o.value));
  }

  @Override
  public int compareTo(Quantity o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && value.compareTo(q.value) == 0;
  }

  @Override
  public int hashCode() {
    return value.stripTrailingZeros().hashCode();
  }

  @Override
  public String toString() {
    return value.stripTrailingZeros().toPlainString();
  }
}
