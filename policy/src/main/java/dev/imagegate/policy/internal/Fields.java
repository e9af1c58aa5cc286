package dev.imagegate.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.policy.LoadWarning;
import dev.imagegate.policy.Location;
import dev.imagegate.policy.PolicyException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of one YAML mapping: typed getters that fail with the value's location, and
 * {@link #finish()} that warns about every field nobody asked for (the API server's "unknown field"
 * warning).
 */
public final class Fields {
  private final YamlDocument doc;
  private final String pointer;
  private final JsonNode node;
  private final List<LoadWarning> warnings;
  private final Set<String> read = new HashSet<>();

  private Fields(YamlDocument doc, String pointer, JsonNode node, List<LoadWarning> warnings) {
    this.doc = doc;
    this.pointer = pointer;
    this.node = node;
    this.warnings = warnings;
  }

  /** The mapping at {@code pointer}; fails if the value there is not a mapping. */
  public static Fields of(
      YamlDocument doc, String pointer, JsonNode node, List<LoadWarning> warnings) {
    if (!node.isObject()) {
      throw new PolicyException(
          doc.valueAt(pointer), path(pointer) + " must be a mapping, got " + kind(node));
    }
    return new Fields(doc, pointer, node, warnings);
  }

  public String pointer() {
    return pointer;
  }

  public String pointer(String field) {
    return pointer + "/" + field;
  }

  public YamlDocument doc() {
    return doc;
  }

  public List<LoadWarning> warnings() {
    return warnings;
  }

  public Location location() {
    return doc.valueAt(pointer);
  }

  public Location location(String field) {
    return doc.valueAt(pointer(field));
  }

  public boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  /** Marks the field as known and returns it unless absent or null. */
  public Optional<JsonNode> get(String field) {
    read.add(field);
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
  }

  public @Nullable String string(String field) {
    return get(field)
        .map(
            v -> {
              if (!v.isTextual()) {
                throw fail(
                    field,
                    "must be a string, got "
                        + kind(v)
                        + (v.isValueNode() ? " " + v + " (quote it)" : ""));
              }
              return v.asText();
            })
        .orElse(null);
  }

  public String requiredString(String field) {
    String s = string(field);
    if (s == null || s.isEmpty()) {
      throw new PolicyException(
          node.has(field) ? location(field) : location(), path(pointer(field)) + " is required");
    }
    return s;
  }

  public boolean bool(String field, boolean defaultValue) {
    return get(field)
        .map(
            v -> {
              if (!v.isBoolean()) {
                throw fail(field, "must be true or false, got " + kind(v) + " " + v);
              }
              return v.booleanValue();
            })
        .orElse(defaultValue);
  }

  public @Nullable Integer integer(String field) {
    return get(field)
        .map(
            v -> {
              if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw fail(field, "must be an integer, got " + kind(v) + " " + v);
              }
              return v.intValue();
            })
        .orElse(null);
  }

  public List<String> strings(String field) {
    List<String> out = new ArrayList<>();
    get(field)
        .ifPresent(
            v -> {
              if (!v.isArray()) {
                throw fail(field, "must be a list of strings, got " + kind(v));
              }
              for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual()) {
                  throw new PolicyException(
                      doc.valueAt(pointer(field) + "/" + i),
                      path(pointer(field) + "/" + i) + " must be a string, got " + kind(v.get(i)));
                }
                out.add(v.get(i).asText());
              }
            });
    return out;
  }

  /**
   * A string-to-string map; scalar values (numbers, booleans) are accepted as their text, as
   * Kubernetes labels are not.
   */
  public Map<String, String> stringMap(String field) {
    Map<String, String> out = new LinkedHashMap<>();
    get(field)
        .ifPresent(
            v -> {
              if (!v.isObject()) {
                throw fail(field, "must be a mapping of strings, got " + kind(v));
              }
              for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                  throw new PolicyException(
                      doc.valueAt(pointer(field) + "/" + escape(e.getKey())),
                      path(pointer(field))
                          + "."
                          + e.getKey()
                          + " must be a string, got "
                          + kind(e.getValue()));
                }
                out.put(e.getKey(), e.getValue().asText());
              }
            });
    return out;
  }

  /** A nested mapping read by {@code reader}, or null when absent. */
  public <T> @Nullable T object(String field, java.util.function.Function<Fields, T> reader) {
    return get(field)
        .map(
            v -> {
              Fields f = Fields.of(doc, pointer(field), v, warnings);
              T t = reader.apply(f);
              f.finish();
              return t;
            })
        .orElse(null);
  }

  /** A list of mappings, each read by {@code reader(fields, index)}. */
  public <T> List<T> list(String field, BiFunction<Fields, Integer, T> reader) {
    List<T> out = new ArrayList<>();
    get(field)
        .ifPresent(
            v -> {
              if (!v.isArray()) {
                throw fail(field, "must be a list, got " + kind(v));
              }
              for (int i = 0; i < v.size(); i++) {
                Fields f = Fields.of(doc, pointer(field) + "/" + i, v.get(i), warnings);
                out.add(reader.apply(f, i));
                f.finish();
              }
            });
    return out;
  }

  public PolicyException fail(String field, String message) {
    return new PolicyException(location(field), path(pointer(field)) + " " + message);
  }

  public PolicyException failHere(String message) {
    return new PolicyException(location(), path(pointer) + " " + message);
  }

  public void warn(String field, String message) {
    warnings.add(new LoadWarning(doc.keyAt(pointer(field)), message));
  }

  /** Warns about every field not read, like the API server's field validation. */
  public void finish() {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!read.contains(e.getKey())) {
        String p = pointer(escape(e.getKey()));
        warnings.add(new LoadWarning(doc.keyAt(p), "unknown field \"" + path(p) + "\" (ignored)"));
      }
    }
  }

  /** Marks fields as known without reading them (accepted, with no effect in imagegate). */
  public void ignore(String... fields) {
    read.addAll(List.of(fields));
  }

  public static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** {@code /spec/rules/0/name} as the API server writes it: {@code spec.rules[0].name}. */
  public static String path(String pointer) {
    StringBuilder sb = new StringBuilder();
    for (String seg : pointer.split("/")) {
      if (seg.isEmpty()) {
        continue;
      }
      if (seg.chars().allMatch(Character::isDigit)) {
        sb.append('[').append(seg).append(']');
      } else {
        sb.append(sb.isEmpty() ? "" : ".").append(seg.replace("~1", "/").replace("~0", "~"));
      }
    }
    return sb.isEmpty() ? "(document)" : sb.toString();
  }

  static String kind(JsonNode v) {
    if (v.isTextual()) {
      return "a string";
    }
    if (v.isNumber()) {
      return "a number";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    if (v.isArray()) {
      return "a list";
    }
    if (v.isObject()) {
      return "a mapping";
    }
    return "null";
  }
}
