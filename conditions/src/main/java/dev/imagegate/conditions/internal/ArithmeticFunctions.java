package dev.imagegate.conditions.internal;

import static dev.imagegate.conditions.internal.KyvernoFunction.error;
import static dev.imagegate.conditions.internal.KyvernoFunction.of;

import com.fasterxml.jackson.databind.JsonNode;
import io.burt.jmespath.function.Function;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Kyverno's arithmetic: numbers with numbers, quantities ({@code "10Mi"}) with quantities,
 * durations ({@code "1h"}) with durations; multiply and divide also scale a quantity or duration by
 * a number.
 */
final class ArithmeticFunctions {
  private ArithmeticFunctions() {}

  private sealed interface Operand permits Num, Qty, Dur {}

  private record Num(BigDecimal v) implements Operand {}

  private record Qty(Quantity q) implements Operand {}

  private record Dur(Duration d) implements Operand {}

  static List<Function> all() {
    return List.of(
        of("add", 2, a -> add("add", operand("add", a.get(0)), operand("add", a.get(1)), 1)),
        of(
            "subtract",
            2,
            a -> add("subtract", operand("subtract", a.get(0)), operand("subtract", a.get(1)), -1)),
        of(
            "multiply",
            2,
            a -> multiply(operand("multiply", a.get(0)), operand("multiply", a.get(1)))),
        of("divide", 2, a -> divide(operand("divide", a.get(0)), operand("divide", a.get(1)))),
        of("modulo", 2, a -> modulo(operand("modulo", a.get(0)), operand("modulo", a.get(1)))),
        of(
            "round",
            2,
            a -> {
              if (!a.get(0).isNumber() || !a.get(1).isIntegralNumber() || a.get(1).asInt() < 0) {
                throw error(
                    "round", "expects a number and a non-negative integer number of digits");
              }
              return toNode(
                  a.get(0).decimalValue().setScale(a.get(1).asInt(), RoundingMode.HALF_UP));
            }),
        of(
            "sum",
            1,
            a -> {
              if (!a.get(0).isArray() || a.get(0).isEmpty()) {
                throw error("sum", "expects a non-empty array");
              }
              JsonNode acc = null;
              for (JsonNode e : a.get(0)) {
                acc =
                    acc == null
                        ? checked(e)
                        : add("sum", operand("sum", acc), operand("sum", e), 1);
              }
              return Objects.requireNonNull(acc); // the array is not empty
            }));
  }

  private static JsonNode checked(JsonNode n) {
    operand("sum", n);
    return n;
  }

  private static Operand operand(String f, JsonNode n) {
    if (n.isNumber()) {
      return new Num(n.decimalValue());
    }
    if (n.isTextual()) {
      String s = n.asText();
      Optional<Duration> d = GoDuration.parse(s);
      if (d.isPresent() && !s.equals("0")) {
        return new Dur(d.get());
      }
      Optional<Quantity> q = Quantity.parse(s);
      if (q.isPresent()) {
        return new Qty(q.get());
      }
    }
    throw error(f, "'" + Values.sprint(n) + "' is neither a number, a quantity nor a duration");
  }

  private static JsonNode add(String f, Operand x, Operand y, int sign) {
    if (x instanceof Num a && y instanceof Num b) {
      return toNode(sign > 0 ? a.v.add(b.v) : a.v.subtract(b.v));
    }
    if (x instanceof Qty a && y instanceof Qty b) {
      BigDecimal v = sign > 0 ? a.q.value().add(b.q.value()) : a.q.value().subtract(b.q.value());
      return Values.NODES.textNode(Quantity.format(v, a.q.suffix()));
    }
    if (x instanceof Dur a && y instanceof Dur b) {
      return Values.NODES.textNode(GoDuration.format(sign > 0 ? a.d.plus(b.d) : a.d.minus(b.d)));
    }
    throw error(
        f, "operands must be of the same kind (two numbers, two quantities or two durations)");
  }

  private static JsonNode multiply(Operand x, Operand y) {
    if (x instanceof Num a && y instanceof Num b) {
      return toNode(a.v.multiply(b.v));
    }
    if (y instanceof Num && !(x instanceof Num)) {
      return multiply(y, x);
    }
    if (x instanceof Num a && y instanceof Qty b) {
      return Values.NODES.textNode(Quantity.format(b.q.value().multiply(a.v), b.q.suffix()));
    }
    if (x instanceof Num a && y instanceof Dur b) {
      return Values.NODES.textNode(
          GoDuration.format(
              Duration.ofNanos(new BigDecimal(b.d.toNanos()).multiply(a.v).longValue())));
    }
    throw error("multiply", "one operand must be a number");
  }

  private static JsonNode divide(Operand x, Operand y) {
    BigDecimal divisor = divisor("divide", y);
    if (x instanceof Num a && y instanceof Num) {
      return toNode(a.v.divide(divisor, MathContext.DECIMAL64));
    }
    if ((x instanceof Qty && y instanceof Qty) || (x instanceof Dur && y instanceof Dur)) {
      return toNode(magnitude(x).divide(divisor, MathContext.DECIMAL64));
    }
    if (x instanceof Qty a && y instanceof Num) {
      return Values.NODES.textNode(
          Quantity.format(a.q.value().divide(divisor, MathContext.DECIMAL64), a.q.suffix()));
    }
    if (x instanceof Dur a && y instanceof Num) {
      return Values.NODES.textNode(
          GoDuration.format(
              Duration.ofNanos(
                  new BigDecimal(a.d.toNanos())
                      .divide(divisor, MathContext.DECIMAL64)
                      .longValue())));
    }
    throw error("divide", "unsupported operand kinds");
  }

  private static JsonNode modulo(Operand x, Operand y) {
    BigDecimal divisor = divisor("modulo", y);
    if (x instanceof Num a && y instanceof Num) {
      if (a.v.stripTrailingZeros().scale() > 0 || divisor.stripTrailingZeros().scale() > 0) {
        throw error("modulo", "both numbers must be integers");
      }
      return toNode(a.v.remainder(divisor));
    }
    if (x instanceof Qty a && y instanceof Qty) {
      return Values.NODES.textNode(Quantity.format(a.q.value().remainder(divisor), a.q.suffix()));
    }
    if (x instanceof Dur a && y instanceof Dur) {
      return Values.NODES.textNode(
          GoDuration.format(Duration.ofNanos(a.d.toNanos() % divisor.longValue())));
    }
    throw error("modulo", "operands must be of the same kind");
  }

  /** The magnitude of {@code y}, which {@code function} divides by: never zero. */
  private static BigDecimal divisor(String function, Operand y) {
    BigDecimal divisor = magnitude(y);
    if (divisor.signum() == 0) {
      throw error(function, "division by zero");
    }
    return divisor;
  }

  private static BigDecimal magnitude(Operand o) {
    return switch (o) {
      case Num n -> n.v;
      case Qty q -> q.q.value();
      case Dur d -> BigDecimal.valueOf(d.d.toNanos());
    };
  }

  private static JsonNode toNode(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    if (s.scale() <= 0 && s.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
      return Values.NODES.numberNode(s.longValue());
    }
    return Values.NODES.numberNode(v.doubleValue());
  }
}
