package dev.imagegate.cel.internal;

import com.google.common.primitives.UnsignedLong;
import dev.cel.bundle.CelBuilder;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeType;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import dev.cel.parser.CelMacro;
import dev.cel.parser.CelMacroExprFactory;
import dev.cel.runtime.CelFunctionBinding;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code <string>.format(<list>)}, which cel-java lacks: cel-go's {@code ext.Strings} version 1-3
 * semantics (Kyverno uses version 2, locale en_US): {@code %s %d %f %e %b %x %X %o %%}, optional
 * precision {@code %.3f}. cel-go exempts the argument list literal from the homogeneous-literal
 * check; cel-java cannot, so a receiver macro wraps each element of a literal list in {@code
 * dyn(...)}. Unlike cel-go, the clauses are not validated at compile time: a wrong argument type is
 * an evaluation error with cel-go's message.
 */
final class StringFormat {
  private StringFormat() {}

  static void register(CelBuilder b) {
    b.addMacros(
        CelMacro.newReceiverMacro(
            "format",
            1,
            (factory, target, args) -> {
              CelExpr list = args.get(0);
              if (list.exprKind().getKind() != CelExpr.ExprKind.Kind.LIST
                  || !list.list().optionalIndices().isEmpty()
                  || list.list().elements().stream().allMatch(StringFormat::isDynCall)) {
                return Optional.empty();
              }
              List<CelExpr> wrapped = new ArrayList<>();
              for (CelExpr e : list.list().elements()) {
                wrapped.add(dyn(factory, e));
              }
              return Optional.of(
                  factory.newReceiverCall(
                      "format", factory.copy(target), factory.newList(wrapped)));
            }));
    b.addFunctionDeclarations(
        CelFunctionDecl.newFunctionDeclaration(
            "format",
            CelOverloadDecl.newMemberOverload(
                "string_format",
                SimpleType.STRING,
                SimpleType.STRING,
                ListType.create(SimpleType.DYN))));
    b.addFunctionBindings(
        CelFunctionBinding.from(
            "string_format", String.class, List.class, (f, l) -> format(f, (List<?>) l)));
  }

  /**
   * {@code dyn(e)}, with the elements of nested list and map literals wrapped too: cel-go exempts
   * every literal below a {@code format} call from the homogeneous-literal check.
   */
  private static CelExpr dyn(CelMacroExprFactory f, CelExpr e) {
    CelExpr inner =
        switch (e.exprKind().getKind()) {
          case LIST -> {
            if (!e.list().optionalIndices().isEmpty()) {
              yield f.copy(e);
            }
            List<CelExpr> els = new ArrayList<>();
            e.list().elements().forEach(x -> els.add(dyn(f, x)));
            yield f.newList(els);
          }
          case MAP -> {
            if (e.map().entries().stream().anyMatch(en -> en.optionalEntry())) {
              yield f.copy(e);
            }
            List<CelExpr.CelMap.Entry> entries = new ArrayList<>();
            e.map()
                .entries()
                .forEach(en -> entries.add(f.newMapEntry(dyn(f, en.key()), dyn(f, en.value()))));
            yield f.newMap(entries);
          }
          default -> f.copy(e);
        };
    return f.newGlobalCall("dyn", inner);
  }

  private static boolean isDynCall(CelExpr e) {
    return e.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL
        && e.call().function().equals("dyn")
        && e.call().target().isEmpty();
  }

  static String format(String f, List<?> args) {
    StringBuilder out = new StringBuilder();
    int argIndex = 0;
    int i = 0;
    while (i < f.length()) {
      char c = f.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 < f.length() && f.charAt(i + 1) == '%') {
        out.append('%');
        i += 2;
        continue;
      }
      if (argIndex >= args.size()) {
        throw CelErrors.error("index " + argIndex + " out of range");
      }
      if (i + 1 >= f.length()) {
        throw CelErrors.error("unexpected end of string");
      }
      i++;
      Integer precision = null;
      if (f.charAt(i) == '.') {
        int start = ++i;
        while (i < f.length() && f.charAt(i) >= '0' && f.charAt(i) <= '9') {
          i++;
        }
        if (i >= f.length()) {
          throw clauseError(
              "error while parsing precision: could not find end of precision specifier");
        }
        precision = start == i ? 0 : Integer.parseInt(f.substring(start, i));
        if (precision > 100) {
          throw clauseError("error while parsing precision: precision above 100");
        }
      }
      char verb = f.charAt(i++);
      Object arg = args.get(argIndex++);
      String s =
          switch (verb) {
            case 's' -> string(arg);
            case 'd' -> decimal(arg);
            case 'f' -> fixed(arg, precision == null ? 6 : precision);
            case 'e' -> scientific(arg, precision == null ? 6 : precision);
            case 'b' -> radix(arg, 2, "only integers and bools can be formatted as binary");
            case 'o' -> radix(arg, 8, "octal clause can only be used on integers");
            case 'x' -> hex(arg, false);
            case 'X' -> hex(arg, true);
            default -> throw clauseError("unrecognized formatting clause \"" + verb + "\"");
          };
      out.append(s);
    }
    return out.toString();
  }

  private static RuntimeException clauseError(String msg) {
    return CelErrors.error("could not parse formatting clause: " + msg);
  }

  private static RuntimeException formatError(String msg, Object arg) {
    return CelErrors.error("error during formatting: " + msg + ", was given " + CelTypes.name(arg));
  }

  /** {@code %s}: cel-go's string conversion of the value. */
  static String string(Object v) {
    return switch (v) {
      case String s -> s;
      case Boolean b -> b.toString();
      case Long l -> l.toString();
      case UnsignedLong u -> u.toString();
      case Double d -> goG(d);
      case CelByteString b -> new String(b.toByteArray(), StandardCharsets.UTF_8);
      case NullValue n -> "null";
      case Instant t -> CelValues.formatTimestamp(t);
      case Duration d -> goSeconds(d);
      case TypeType t -> t.type().name();
      case CelType t -> t.name();
      case List<?> l -> list(l);
      case Map<?, ?> m -> map(m);
      default ->
          throw formatError(
              "string clause can only be used on strings, bools, bytes, ints, doubles, maps,"
                  + " lists, types, durations, and timestamps",
              v);
    };
  }

  private static String list(List<?> l) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < l.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(literal(l.get(i)));
    }
    return sb.append(']').toString();
  }

  private static String map(Map<?, ?> m) {
    List<String[]> pairs = new ArrayList<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object k = e.getKey();
      if (!(k instanceof String
          || k instanceof Boolean
          || k instanceof Long
          || k instanceof UnsignedLong)) {
        throw formatError("no formatting function for map key of type " + CelTypes.name(k), k);
      }
      pairs.add(new String[] {literal(k), literal(e.getValue())});
    }
    pairs.sort((a, b) -> a[0].compareTo(b[0]));
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < pairs.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(pairs.get(i)[0]).append(':').append(pairs.get(i)[1]);
    }
    return sb.append('}').toString();
  }

  /** An element inside a formatted list or map: printed as a CEL literal. */
  private static String literal(Object v) {
    return switch (v) {
      case String s -> GoQuote.quote(s);
      case CelByteString b ->
          "b" + GoQuote.quote(new String(b.toByteArray(), StandardCharsets.UTF_8));
      case Double d -> {
        if (d.isNaN() || d.isInfinite()) {
          yield "\"" + (d.isNaN() ? "NaN" : d > 0 ? "+Inf" : "-Inf") + "\"";
        }
        yield new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
      }
      case Instant t -> "timestamp(\"" + CelValues.formatTimestamp(t) + "\")";
      case Duration d -> "duration(\"" + goSeconds(d) + "\")";
      default -> string(v);
    };
  }

  private static String decimal(Object v) {
    return switch (v) {
      case Long l -> l.toString();
      case UnsignedLong u -> u.toString();
      default -> throw formatError("decimal clause can only be used on integers", v);
    };
  }

  private static double floating(Object v, String msg) {
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof String s) {
      switch (s) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw formatError(msg, v);
  }

  /** NaN and the infinities as golang.org/x/text/message prints them; null for a finite value. */
  private static @Nullable String nonFinite(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "∞" : "-∞";
    }
    return null;
  }

  /** {@code %f} as golang.org/x/text/message prints it for en_US (grouping, ∞). */
  private static String fixed(Object v, int precision) {
    double d = floating(v, "fixed-point clause can only be used on doubles");
    String nonFinite = nonFinite(d);
    if (nonFinite != null) {
      return nonFinite;
    }
    DecimalFormat df = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US));
    df.setMinimumFractionDigits(precision);
    df.setMaximumFractionDigits(precision);
    df.setRoundingMode(RoundingMode.HALF_EVEN);
    return df.format(new BigDecimal(d));
  }

  /** {@code %e} as golang.org/x/text/message prints it for en_US: {@code 1.052033 × 10⁰³}. */
  private static String scientific(Object v, int precision) {
    double d = floating(v, "scientific clause can only be used on doubles");
    String nonFinite = nonFinite(d);
    if (nonFinite != null) {
      return nonFinite;
    }
    String e =
        String.format(
            Locale.ROOT,
            "%." + precision + "e",
            new BigDecimal(d)
                .round(new java.math.MathContext(precision + 1, RoundingMode.HALF_EVEN)));
    int at = e.indexOf('e');
    String mantissa = e.substring(0, at);
    int exp = Integer.parseInt(e.substring(at + 1));
    StringBuilder sb = new StringBuilder(mantissa).append("\u202f\u00d7\u202f10");
    if (exp < 0) {
      sb.append('\u207b');
    }
    String digits = String.format(Locale.ROOT, "%02d", Math.abs(exp));
    for (char c : digits.toCharArray()) {
      sb.append(SUPERSCRIPTS.charAt(c - '0'));
    }
    return sb.toString();
  }

  private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

  private static String radix(Object v, int radix, String msg) {
    return switch (v) {
      case Long l -> Long.toString(l, radix);
      case UnsignedLong u -> u.bigIntegerValue().toString(radix);
      case Boolean b when radix == 2 -> b ? "1" : "0";
      default -> throw formatError(msg, v);
    };
  }

  private static String hex(Object v, boolean upper) {
    String s =
        switch (v) {
          case Long l -> Long.toString(l, 16);
          case UnsignedLong u -> u.bigIntegerValue().toString(16);
          case String str -> HexFormat.of().formatHex(str.getBytes(StandardCharsets.UTF_8));
          case CelByteString b -> HexFormat.of().formatHex(b.toByteArray());
          default ->
              throw formatError(
                  "only integers, byte buffers, and strings can be formatted as hex", v);
        };
    return upper ? s.toUpperCase(Locale.ROOT) : s;
  }

  /** Go's {@code %g} (shortest representation, exponent when below 1e-4 or from 1e6). */
  static String goG(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exp = bd.precision() - bd.scale() - 1;
    if (exp < -4 || exp >= 6) {
      BigInteger unscaled = bd.unscaledValue().abs();
      String digits = unscaled.toString();
      StringBuilder sb = new StringBuilder(d < 0 ? "-" : "");
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      sb.append(String.format(Locale.ROOT, "%02d", Math.abs(exp)));
      return sb.toString();
    }
    return bd.toPlainString();
  }

  /** cel-go's duration to string: seconds with the shortest fraction, then {@code s}. */
  static String goSeconds(Duration d) {
    double secs = d.getSeconds() + d.getNano() / 1e9;
    return new BigDecimal(Double.toString(secs)).stripTrailingZeros().toPlainString() + "s";
  }
}
