package dev.imagegate.sigstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * RFC 8785 JSON Canonicalization Scheme: object members sorted by their UTF-16 code units, no
 * whitespace, strings escaped as ECMAScript {@code JSON.stringify} does, numbers in ECMAScript
 * shortest form. Rekor signs its entry timestamps (SET) over this form.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static byte[] encode(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode n, StringBuilder out) {
    switch (n.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(names::add);
        names.sort(null); // String.compareTo orders by UTF-16 code units, as RFC 8785 section 3.2.3
        // requires
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          string(names.get(i), out);
          out.append(':');
          write(n.get(names.get(i)), out);
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < n.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(n.get(i), out);
        }
        out.append(']');
      }
      case STRING -> string(n.asText(), out);
      case NUMBER -> out.append(number(n));
      case BOOLEAN -> out.append(n.asBoolean());
      case NULL -> out.append("null");
      default ->
          throw new IllegalArgumentException(
              "cannot canonicalize JSON node of type " + n.getNodeType());
    }
  }

  static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** ECMAScript Number.prototype.toString of the IEEE 754 double the JSON number denotes. */
  static String number(JsonNode n) {
    double d =
        n.isIntegralNumber() && n.canConvertToLong() && Math.abs(n.asLong()) < (1L << 53)
            ? (double) n.asLong()
            : n.asDouble();
    return formatDouble(d);
  }

  static String formatDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("NaN and Infinity have no JSON form");
    }
    if (d == 0) {
      return "0"; // also for -0, as ECMAScript prints it
    }
    // Double.toString yields the shortest round-tripping digits (JDK 19+); re-layout them the
    // ECMAScript way.
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int k = digits.length();
    int n = k - bd.scale(); // decimal point position relative to the digit string
    StringBuilder s = new StringBuilder(d < 0 ? "-" : "");
    if (k <= n && n <= 21) {
      s.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      s.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      s.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      s.append(digits.charAt(0));
      if (k > 1) {
        s.append('.').append(digits, 1, k);
      }
      s.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
    }
    return s.toString();
  }
}
