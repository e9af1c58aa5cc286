package dev.imagegate.conditions.internal;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kyverno's range values for the AnyIn family: {@code 1-5} (inside, inclusive) and {@code 1!-5}
 * (outside). Bounds are numbers or quantities.
 */
public final class Ranges {
  private static final Pattern RANGE =
      Pattern.compile("^(-?[0-9.]+[A-Za-z]*)(!?)-(-?[0-9.]+[A-Za-z]*)$");

  private Ranges() {}

  public record Range(Quantity low, Quantity high, boolean inside) {
    public boolean contains(String key) {
      Optional<Quantity> k = Quantity.parse(key);
      if (k.isEmpty()) {
        return false;
      }
      BigDecimal v = k.get().value();
      boolean within = v.compareTo(low.value()) >= 0 && v.compareTo(high.value()) <= 0;
      return inside == within;
    }

    public Range negated() {
      return new Range(low, high, !inside);
    }
  }

  public static Optional<Range> parse(String value) {
    Matcher m = RANGE.matcher(value.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    Optional<Quantity> low = Quantity.parse(m.group(1));
    Optional<Quantity> high = Quantity.parse(m.group(3));
    if (low.isEmpty() || high.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Range(low.get(), high.get(), m.group(2).isEmpty()));
  }
}
