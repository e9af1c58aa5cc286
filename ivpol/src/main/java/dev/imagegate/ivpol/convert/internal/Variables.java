package dev.imagegate.ivpol.convert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Kyverno {@code {{ }}} variables as CEL. Only JMESPath field paths with indexes translate ({@code
 * a.b."c-d"[0]}): JMESPath functions, projections, filters and pipes have no general CEL equivalent
 * and are reported. Where a path starts decides what it reads ({@link Roots}).
 */
public final class Variables {
  private static final Pattern VAR = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final Pattern SEGMENT =
      Pattern.compile("\\s*(?:([A-Za-z_][A-Za-z0-9_]*)|\"((?:[^\"\\\\]|\\\\.)*)\"|\\[(\\d+)])");

  /** Maps the first field of a path to a CEL base; null when the root is not readable. */
  public interface Roots {
    /**
     * @param fields the path's fields (names, or "[N]" for indexes)
     * @return the CEL expression for the path
     */
    String resolve(List<String> fields) throws Unconvertible;
  }

  private Variables() {}

  /** The admission request roots shared by every context: request.object -> object, ... */
  public static @Nullable String requestRoot(List<String> f) {
    if (f.get(0).equals("request")) {
      if (f.size() >= 2 && (f.get(1).equals("object") || f.get(1).equals("oldObject"))) {
        return path(f.get(1), f.subList(2, f.size()));
      }
      return path("request", f.subList(1, f.size()));
    }
    return null;
  }

  /** {@code base} followed by the fields. */
  public static String path(String base, List<String> fields) {
    StringBuilder b = new StringBuilder(base);
    for (String f : fields) {
      b.append(f.startsWith("[") ? f : Cel.field(f));
    }
    return b.toString();
  }

  /** A JSON value as written in a policy (literal, one variable, or text with variables). */
  public static String value(JsonNode v, Roots roots) throws Unconvertible {
    if (v.isTextual()) {
      return text(v.asText(), roots, false);
    }
    if (v.isArray() || v.isObject()) {
      if (v.toString().contains("{{")) {
        throw new Unconvertible("variables inside a list or map value (" + v + ") do not convert");
      }
    }
    return Cel.literal(v);
  }

  /**
   * A string that may hold variables: a single variable keeps its type, text with variables is a
   * string concatenation ({@code asString}: always a string).
   */
  public static String text(String s, Roots roots, boolean asString) throws Unconvertible {
    Matcher m = VAR.matcher(s);
    List<String> parts = new ArrayList<>();
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        parts.add(Cel.quote(s.substring(last, m.start())));
      }
      if (m.group(1).contains("{{")) {
        int close = s.indexOf("}}", m.end());
        throw new Unconvertible(
            "nested variables ("
                + s.substring(m.start(), close < 0 ? s.length() : close + 2)
                + ") do not convert");
      }
      String expr = jmesPath(m.group(1).trim(), roots);
      parts.add(m.start() == 0 && m.end() == s.length() && !asString ? expr : stringOf(expr));
      last = m.end();
    }
    if (last == 0) {
      return Cel.quote(s);
    }
    if (last < s.length()) {
      parts.add(Cel.quote(s.substring(last)));
    }
    return String.join(" + ", parts);
  }

  private static String stringOf(String expr) {
    return "string(" + expr + ")";
  }

  public static boolean hasVariables(String s) {
    return s.contains("{{");
  }

  /** One JMESPath expression (the inside of {@code {{ }}}) as CEL. */
  public static String jmesPath(String expr, Roots roots) throws Unconvertible {
    List<String> fields = new ArrayList<>();
    Matcher m = SEGMENT.matcher(expr);
    int pos = 0;
    while (pos < expr.length()) {
      if (!fields.isEmpty()) {
        if (expr.charAt(pos) == '.') {
          pos++;
        } else if (expr.charAt(pos) != '[') {
          throw unsupported(expr);
        }
      }
      if (!m.find(pos) || m.start() != pos) {
        throw unsupported(expr);
      }
      if (m.group(1) != null) {
        fields.add(m.group(1));
      } else if (m.group(2) != null) {
        fields.add(m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
      } else {
        if (fields.isEmpty()) {
          throw unsupported(expr);
        }
        fields.add("[" + m.group(3) + "]");
      }
      pos = m.end();
      while (pos < expr.length() && Character.isWhitespace(expr.charAt(pos))) {
        pos++;
      }
    }
    if (fields.isEmpty() || fields.get(0).startsWith("[")) {
      throw unsupported(expr);
    }
    return roots.resolve(fields);
  }

  private static Unconvertible unsupported(String expr) {
    return new Unconvertible(
        "JMESPath '"
            + expr
            + "' is not a plain field path (functions, projections, filters and pipes have no"
            + " general CEL translation)");
  }

  /** Roots that read only the admission request. */
  public static Roots requestOnly(String where) {
    return f -> {
      String r = requestRoot(f);
      if (r == null) {
        throw new Unconvertible(
            "variable '" + String.join(".", f) + "' in " + where + " reads the rule context");
      }
      return r;
    };
  }

  /** Roots where any other first field reads {@code base} (an attestation's predicate). */
  public static Roots withDefault(String base) {
    return f -> {
      String r = requestRoot(f);
      return r != null ? r : path(base, f);
    };
  }

  /** Adapts a function for lambdas that do not throw. */
  public static Roots of(Function<List<String>, @Nullable String> f, String where) {
    return fields -> {
      String r = f.apply(fields);
      if (r == null) {
        throw new Unconvertible(
            "variable '" + String.join(".", fields) + "' in " + where + " has no CEL equivalent");
      }
      return r;
    };
  }
}
