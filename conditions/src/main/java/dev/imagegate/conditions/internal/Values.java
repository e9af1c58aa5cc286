package dev.imagegate.conditions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.imagegate.base.UntrustedJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JSON value helpers that mirror how Kyverno (Go) sees decoded values. */
public final class Values {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Values() {}

  /**
   * Go's {@code fmt.Sprint} of a decoded JSON value: strings raw, integral numbers without a
   * fraction.
   */
  public static String sprint(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "<nil>";
    }
    if (n.isTextual()) {
      return n.asText();
    }
    if (n.isNumber()) {
      return numberText(n);
    }
    if (n.isBoolean()) {
      return String.valueOf(n.booleanValue());
    }
    return n.toString();
  }

  public static String numberText(JsonNode n) {
    if (n.isIntegralNumber()) {
      return n.bigIntegerValue().toString();
    }
    BigDecimal d = n.decimalValue().stripTrailingZeros();
    return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
  }

  /** Deep equality where numbers compare by value (Go decodes 1 and 1.0 alike). */
  public static boolean deepEquals(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!deepEquals(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode other = b.get(e.getKey());
        if (other == null || !deepEquals(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /**
   * Parses a string holding a JSON array of strings (ConfigMap data often carries lists this way).
   */
  public static Optional<List<String>> jsonStringArray(String s) {
    String t = s.trim();
    if (!t.startsWith("[")) {
      return Optional.empty();
    }
    try {
      JsonNode n = UntrustedJson.mapper().readTree(t);
      if (!n.isArray()) {
        return Optional.empty();
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : n) {
        if (!e.isTextual()) {
          return Optional.empty();
        }
        out.add(e.asText());
      }
      return Optional.of(out);
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  public static Optional<Double> parseDouble(String s) {
    try {
      String t = s.trim();
      if (t.isEmpty()
          || !t.equals(s)
          || t.matches("(?i).*(nan|infinity|[fd])$")
          || t.startsWith("0x")) {
        return Optional.empty();
      }
      return Optional.of(Double.parseDouble(t));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
