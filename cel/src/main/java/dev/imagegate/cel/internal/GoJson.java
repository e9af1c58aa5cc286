package dev.imagegate.cel.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON and YAML as Kyverno's json/yaml libraries do them with Go's {@code encoding/json} and {@code
 * sigs.k8s.io/yaml}: decoded numbers are all doubles (Go's {@code any} decoding), encoding sorts
 * map keys, writes integral doubles without a fraction and escapes {@code < > &}.
 */
final class GoJson {
  /** Bound on a document decoded by json.unmarshal / yaml.parse / http responses. */
  static final int MAX_DOCUMENT_BYTES = 4 << 20;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  private static final ObjectMapper YAML = new YAMLMapper();

  private GoJson() {}

  static Object unmarshal(String s) {
    check(s);
    try {
      return toCelFloats(JSON.readTree(s));
    } catch (JsonProcessingException e) {
      throw CelErrors.error("invalid JSON: %s", e.getOriginalMessage());
    }
  }

  static Object parseYaml(String s) {
    check(s);
    try {
      JsonNode n = YAML.readTree(s);
      return n == null ? dev.cel.common.values.NullValue.NULL_VALUE : toCelFloats(n);
    } catch (JsonProcessingException e) {
      throw CelErrors.error("invalid YAML: %s", e.getOriginalMessage());
    }
  }

  private static void check(String s) {
    if (s.length() > MAX_DOCUMENT_BYTES) {
      throw CelErrors.error("document larger than %d bytes", MAX_DOCUMENT_BYTES);
    }
  }

  /** Go's {@code json.Unmarshal} into {@code any}: every number is a float64. */
  static Object toCelFloats(JsonNode n) {
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isObject()) {
      Map<Object, Object> out = new LinkedHashMap<>();
      n.fields().forEachRemaining(e -> out.put(e.getKey(), toCelFloats(e.getValue())));
      return out;
    }
    if (n.isArray()) {
      List<Object> out = new ArrayList<>();
      n.forEach(v -> out.add(toCelFloats(v)));
      return out;
    }
    return CelValues.toCel(n);
  }

  static String marshal(@Nullable Object celValue) {
    try {
      String s = JSON.writeValueAsString(goNumbers(CelValues.fromCel(celValue)));
      return s.replace("<", "\\u003c")
          .replace(">", "\\u003e")
          .replace("&", "\\u0026")
          .replace("\u2028", "\\u2028")
          .replace("\u2029", "\\u2029");
    } catch (JsonProcessingException e) {
      throw CelErrors.error("json: unsupported value: %s", e.getOriginalMessage());
    }
  }

  private static @Nullable Object goNumbers(@Nullable Object v) {
    return switch (v) {
      case Double d when !d.isNaN() && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 1e21 ->
          new java.math.BigDecimal(d).toBigInteger();
      case Double d when d.isNaN() || d.isInfinite() ->
          throw CelErrors.error("json: unsupported value: %s", d);
      case Map<?, ?> m -> {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), goNumbers(x)));
        yield out;
      }
      case List<?> l -> {
        List<@Nullable Object> out = new ArrayList<>();
        l.forEach(x -> out.add(goNumbers(x)));
        yield out;
      }
      case null -> null;
      default -> v;
    };
  }
}
