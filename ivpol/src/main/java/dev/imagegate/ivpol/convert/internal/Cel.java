package dev.imagegate.ivpol.convert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CEL text: literals, Kyverno wildcards as RE2 regexps, identifiers. */
public final class Cel {
  private static final String REGEX_META = "\\.+()[]{}|^$";

  private Cel() {}

  /** A CEL single-quoted string literal. */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder("'");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\'' -> b.append("\\'");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('\'').toString();
  }

  public static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
  }

  /** Kyverno's wildcard ({@code *} any run, {@code ?} one character) as an anchored RE2 regexp. */
  public static String wildcardRegex(String pattern) {
    StringBuilder b = new StringBuilder("^");
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        b.append(".*");
      } else if (c == '?') {
        b.append('.');
      } else {
        if (REGEX_META.indexOf(c) >= 0) {
          b.append('\\');
        }
        b.append(c);
      }
    }
    return b.append('$').toString();
  }

  /** {@code x == 'v'}, or a regexp match when {@code pattern} holds a wildcard. */
  public static String matchesWildcard(String x, String pattern) {
    return hasWildcard(pattern)
        ? x + ".matches(" + quote(wildcardRegex(pattern)) + ")"
        : x + " == " + quote(pattern);
  }

  /** {@code x} matches one of the wildcard patterns. */
  public static String matchesAnyWildcard(String x, List<String> patterns) {
    if (patterns.stream().noneMatch(Cel::hasWildcard)) {
      return patterns.size() == 1
          ? x + " == " + quote(patterns.get(0))
          : x + " in " + stringList(patterns);
    }
    List<String> terms = new ArrayList<>();
    for (String p : patterns) {
      terms.add(matchesWildcard(x, p));
    }
    return terms.size() == 1 ? terms.get(0) : "(" + String.join(" || ", terms) + ")";
  }

  public static String stringList(List<String> values) {
    List<String> q = new ArrayList<>();
    values.forEach(v -> q.add(quote(v)));
    return "[" + String.join(", ", q) + "]";
  }

  /** A JSON value as a CEL literal. */
  public static String literal(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "null";
    }
    if (v.isTextual()) {
      return quote(v.asText());
    }
    if (v.isBoolean()) {
      return Boolean.toString(v.asBoolean());
    }
    if (v.isIntegralNumber()) {
      return v.asText();
    }
    if (v.isNumber()) {
      String d = Double.toString(v.asDouble());
      return d;
    }
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(e -> items.add(literal(e)));
      return "[" + String.join(", ", items) + "]";
    }
    List<String> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      entries.add(quote(e.getKey()) + ": " + literal(e.getValue()));
    }
    return "{" + String.join(", ", entries) + "}";
  }

  /** A field access: {@code .name}, or {@code ['na-me']} for names CEL cannot spell. */
  public static String field(String name) {
    return isIdentifier(name) ? "." + name : "[" + quote(name) + "]";
  }

  private static final java.util.Set<String> RESERVED =
      java.util.Set.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");

  public static boolean isIdentifier(String s) {
    return s.matches("[A-Za-z_][A-Za-z0-9_]*") && !RESERVED.contains(s);
  }

  /** A CEL identifier from a free-form name ({@code code-review} -> {@code codeReview}). */
  public static String identifier(String name) {
    StringBuilder b = new StringBuilder();
    boolean upper = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isLetterOrDigit(c) && c < 0x80) {
        b.append(upper && b.length() > 0 ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    String s = b.toString();
    if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
      s = "a" + s;
    }
    return RESERVED.contains(s) ? s + "_" : s;
  }
}
