package dev.imagegate.conditions.internal;

import java.math.BigDecimal;

/**
 * Canonical quantity text like Kubernetes prints it: the largest suffix of the operand's family
 * that keeps an integer.
 */
final class QuantityFormat {
  private static final String[] BINARY = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
  private static final String[] DECIMAL = {"E", "P", "T", "G", "M", "k"};

  private QuantityFormat() {}

  static String format(BigDecimal value, String suffix) {
    boolean binary = suffix.endsWith("i");
    if (value.signum() != 0 && value.stripTrailingZeros().scale() <= 0) {
      for (String s : binary ? BINARY : DECIMAL) {
        BigDecimal unit = Quantity.parse("1" + s).orElseThrow().value();
        BigDecimal[] qr = value.divideAndRemainder(unit);
        if (qr[1].signum() == 0 && qr[0].signum() != 0) {
          return qr[0].stripTrailingZeros().toPlainString() + s;
        }
      }
    }
    if (!binary && value.stripTrailingZeros().scale() > 0) {
      BigDecimal milli = value.movePointRight(3);
      if (milli.stripTrailingZeros().scale() <= 0) {
        return milli.stripTrailingZeros().toPlainString() + "m";
      }
    }
    BigDecimal plain = value.stripTrailingZeros();
    return (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString();
  }
}
