package dev.imagegate.ivpol.convert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Kyverno {@code {{ }}} variables as CEL. Only JMESPath field paths with indexes translate ({@code
 * a.b."c-d"[0]}): JMESPath functions, projections, filters and pipes have no general CEL equivalent
 * and are reported. Where a path starts decides what it reads ({@link Roots}).
 */
public final class Variables {

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
    List<String> parts = new ArrayList<>();
    int last = 0;
    int open = s.indexOf("{{");
    while (open >= 0) {
      int close = matching(s, open);
      if (close < 0) {
        throw new Unconvertible("unbalanced {{ }} in '" + s + "'");
      }
      if (open > last) {
        parts.add(Cel.quote(s.substring(last, open)));
      }
      String expr = jmesPath(s.substring(open + 2, close).trim(), roots);
      boolean whole = open == 0 && close + 2 == s.length();
      parts.add(whole && !asString ? expr : stringOf(expr));
      last = close + 2;
      open = s.indexOf("{{", last);
    }
    if (last == 0) {
      return Cel.quote(s);
    }
    if (last < s.length()) {
      parts.add(Cel.quote(s.substring(last)));
    }
    return String.join(" + ", parts);
  }

  /** The index of the "}}" closing the "{{" at {@code open}, nested pairs skipped; -1 if none. */
  private static int matching(String s, int open) {
    int depth = 0;
    for (int i = open; i + 1 < s.length(); i++) {
      if (s.startsWith("{{", i)) {
        depth++;
        i++;
      } else if (s.startsWith("}}", i)) {
        depth--;
        if (depth == 0) {
          return i;
        }
        i++;
      }
    }
    return -1;
  }

  private static String stringOf(String expr) {
    return "string(" + expr + ")";
  }

  public static boolean hasVariables(String s) {
    return s.contains("{{");
  }

  /** One JMESPath expression (the inside of {@code {{ }}}) as CEL. */
  public static String jmesPath(String expr, Roots roots) throws Unconvertible {
    return JmesPath.toCel(expr, roots);
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
