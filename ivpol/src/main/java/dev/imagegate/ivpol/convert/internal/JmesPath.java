package dev.imagegate.ivpol.convert.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JMESPath Kyverno policies use in {@code {{ }}}, as CEL: field paths with indexes, projections
 * ({@code a[*].b}, flattening {@code a[].b}; elements without the field are skipped as JMESPath
 * does), and the functions with a CEL equivalent ({@code regex_match}, {@code time_after}, {@code
 * time_before}, {@code length}, {@code to_string}, {@code starts_with}, {@code ends_with}, {@code
 * contains}), whose arguments may be nested {@code '{{ path }}'} variables. Everything else
 * (filters, pipes, multiselects, other functions) is reported.
 */
final class JmesPath {
  private static final Map<String, Integer> ARITY =
      Map.of(
          "regex_match", 2,
          "time_after", 2,
          "time_before", 2,
          "length", 1,
          "to_string", 1,
          "starts_with", 2,
          "ends_with", 2,
          "contains", 2);

  private final String text;
  private final Variables.Roots roots;
  private int pos;
  private int vars;

  private JmesPath(String text, Variables.Roots roots) {
    this.text = text;
    this.roots = roots;
  }

  static String toCel(String expr, Variables.Roots roots) throws Unconvertible {
    JmesPath p = new JmesPath(expr, roots);
    p.skipSpace();
    String out = p.expression();
    p.skipSpace();
    if (p.pos != expr.length()) {
      throw p.unsupported();
    }
    return out;
  }

  private String expression() throws Unconvertible {
    int save = pos;
    String name = identifier();
    skipSpace();
    if (name != null && peek() == '(') {
      return function(name);
    }
    pos = save;
    return path();
  }

  private String function(String name) throws Unconvertible {
    Integer arity = ARITY.get(name);
    if (arity == null) {
      throw new Unconvertible(
          "JMESPath function " + name + "() in '" + text + "' has no CEL translation");
    }
    pos++; // (
    List<String> args = new ArrayList<>();
    skipSpace();
    while (peek() != ')') {
      args.add(argument());
      skipSpace();
      if (peek() == ',') {
        pos++;
        skipSpace();
      } else if (peek() != ')') {
        throw unsupported();
      }
    }
    pos++; // )
    if (args.size() != arity) {
      throw unsupported();
    }
    String a = args.get(0);
    String b = args.size() > 1 ? args.get(1) : "";
    return switch (name) {
      // Kyverno: regex_match(pattern, value), Go regexp (RE2) search, as CEL matches
      case "regex_match" -> "string(" + b + ").matches(" + a + ")";
      case "time_after" -> "timestamp(string(" + a + ")) > timestamp(string(" + b + "))";
      case "time_before" -> "timestamp(string(" + a + ")) < timestamp(string(" + b + "))";
      case "length" -> "size(" + a + ")";
      case "to_string" -> "string(" + a + ")";
      case "starts_with" -> "string(" + a + ").startsWith(" + b + ")";
      case "ends_with" -> "string(" + a + ").endsWith(" + b + ")";
      case "contains" ->
          "(type("
              + a
              + ") == string ? string("
              + a
              + ").contains(string("
              + b
              + ")) : "
              + b
              + " in "
              + a
              + ")";
      default -> throw unsupported();
    };
  }

  private String argument() throws Unconvertible {
    char c = peek();
    if (c == '\'') {
      String raw = delimited(c);
      String t = raw.strip();
      if (t.startsWith("{{") && t.endsWith("}}")) {
        // a nested variable, substituted by Kyverno before the outer expression
        return toCel(t.substring(2, t.length() - 2).strip(), roots);
      }
      if (raw.contains("{{")) {
        throw unsupported();
      }
      return Cel.quote(raw);
    }
    if (c == '`') {
      String json = delimited(c);
      try {
        return Cel.literal(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw unsupported();
      }
    }
    return expression();
  }

  /** The text from the current position (at {@code delimiter}) to the next {@code delimiter}. */
  private String delimited(char delimiter) throws Unconvertible {
    int end = text.indexOf(delimiter, pos + 1);
    if (end < 0) {
      throw unsupported();
    }
    String inside = text.substring(pos + 1, end);
    pos = end + 1;
    return inside;
  }

  /** A path; a projection maps the rest of the path over the elements. */
  private String path() throws Unconvertible {
    List<String> fields = new ArrayList<>();
    String first = segment();
    if (first == null) {
      throw unsupported();
    }
    fields.add(first);
    while (pos < text.length()) {
      char c = peek();
      if (c == '.') {
        pos++;
        String s = segment();
        if (s == null) {
          throw unsupported();
        }
        fields.add(s);
      } else if (c == '[') {
        int close = text.indexOf(']', pos);
        if (close < 0) {
          throw unsupported();
        }
        String inside = text.substring(pos + 1, close).strip();
        pos = close + 1;
        if (inside.matches("\\d+")) {
          fields.add("[" + inside + "]");
        } else if (inside.isEmpty() || inside.equals("*")) {
          String base = roots.resolve(fields);
          return projection(base, inside.isEmpty());
        } else {
          throw unsupported();
        }
      } else {
        break;
      }
    }
    return roots.resolve(fields);
  }

  /** {@code base[*]} or {@code base[]} followed by the rest of the path. */
  private String projection(String base, boolean flatten) throws Unconvertible {
    String x = "x" + (vars++ == 0 ? "" : Integer.toString(vars));
    String list = flatten ? base + ".flatten()" : base;
    List<String> rest = new ArrayList<>();
    while (pos < text.length() && peek() == '.') {
      pos++;
      String s = segment();
      if (s == null) {
        throw unsupported();
      }
      rest.add(s);
    }
    if (rest.isEmpty()) {
      if (pos < text.length() && peek() == '[') {
        throw unsupported();
      }
      return list;
    }
    // JMESPath drops elements whose projected value is null
    StringBuilder has = new StringBuilder();
    StringBuilder path = new StringBuilder(x);
    for (String f : rest) {
      path.append(Cel.field(f));
      has.append(has.length() == 0 ? "" : " && ").append("has(").append(path).append(')');
    }
    String mapped = list + ".filter(" + x + ", " + has + ").map(" + x + ", " + path + ")";
    if (pos < text.length() && peek() == '[') {
      int close = text.indexOf(']', pos);
      String inside = close < 0 ? "?" : text.substring(pos + 1, close).strip();
      if (inside.isEmpty() || inside.equals("*")) {
        pos = close + 1;
        return projectionOf(mapped, inside.isEmpty());
      }
      throw unsupported();
    }
    return mapped;
  }

  private String projectionOf(String list, boolean flatten) throws Unconvertible {
    return projection(list, flatten);
  }

  private @Nullable String segment() {
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == '"') {
      int end = text.indexOf('"', pos + 1);
      if (end < 0) {
        return null;
      }
      String s = text.substring(pos + 1, end);
      pos = end + 1;
      return s;
    }
    return identifier();
  }

  private @Nullable String identifier() {
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')
        && text.charAt(pos) < 0x80) {
      pos++;
    }
    if (pos == start || Character.isDigit(text.charAt(start))) {
      pos = start;
      return null;
    }
    return text.substring(start, pos);
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private Unconvertible unsupported() {
    return new Unconvertible(
        "JMESPath '"
            + text
            + "' uses syntax with no CEL translation (filters, pipes, multiselects; see"
            + " docs/convert.md)");
  }
}
