package dev.imagegate.cel.internal;

import static dev.imagegate.cel.internal.Functions.classes;
import static dev.imagegate.cel.internal.Functions.types;

import dev.cel.common.types.SimpleType;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Kyverno's {@code random([pattern])} / {@code random.random}: a string matching a regular
 * expression (goregen), default {@code [0-9a-z]{8}}. Supported syntax (hand-written; no Java
 * library generates strings from RE2 patterns): literals and escapes, {@code .}, classes {@code
 * [a-z0-9_-]}, {@code \d \w \s}, quantifiers {@code ? * + {n} {n,m}} (unbounded repeats stop at 10
 * extra, as goregen), groups {@code (a|b)}. Anchors are ignored; anything else is an error.
 */
final class RandomLibrary {
  static final String DEFAULT_PATTERN = "[0-9a-z]{8}";
  private static final int MAX_PATTERN = 256;
  private static final int MAX_OUTPUT = 4096;

  private final String p;
  private final RandomGenerator rnd;
  private int pos;

  private RandomLibrary(String p, RandomGenerator rnd) {
    this.p = p;
    this.rnd = rnd;
  }

  @SuppressWarnings("Immutable") // the random source is shared on purpose
  static void register(Functions f, RandomGenerator rnd) {
    for (String name : List.of("random", "random.random")) {
      String suffix = name.equals("random") ? "non_prefixed" : "prefixed";
      f.global(
          name,
          "random_default_" + suffix,
          SimpleType.STRING,
          types(),
          classes(),
          a -> generate(DEFAULT_PATTERN, rnd));
      f.global(
          name,
          "random_string_" + suffix,
          SimpleType.STRING,
          types(SimpleType.STRING),
          classes(String.class),
          a -> generate((String) a[0], rnd));
    }
  }

  static String generate(String pattern, RandomGenerator rnd) {
    if (pattern.length() > MAX_PATTERN) {
      throw CelErrors.error("random: pattern longer than %d characters", MAX_PATTERN);
    }
    RandomLibrary g = new RandomLibrary(pattern, rnd);
    StringBuilder out = new StringBuilder();
    g.alternation(out);
    if (g.pos < pattern.length()) {
      throw g.unsupported();
    }
    return out.toString();
  }

  private void alternation(StringBuilder out) {
    List<StringBuilder> branches = new ArrayList<>();
    do {
      StringBuilder b = new StringBuilder();
      sequence(b);
      branches.add(b);
    } while (pos < p.length() && p.charAt(pos) == '|' && ++pos > 0);
    out.append(branches.get(rnd.nextInt(branches.size())));
  }

  private void sequence(StringBuilder out) {
    while (pos < p.length() && p.charAt(pos) != '|' && p.charAt(pos) != ')') {
      int start = pos;
      @Nullable List<String> choices = atom();
      int[] range = quantifier();
      int n = range[0] + (range[1] > range[0] ? rnd.nextInt(range[1] - range[0] + 1) : 0);
      for (int i = 0; i < n; i++) {
        if (choices == null) {
          int save = pos;
          pos = start + 1;
          if (p.startsWith("?:", pos)) {
            pos += 2;
          }
          StringBuilder g = new StringBuilder();
          alternation(g);
          pos = save;
          out.append(g);
        } else if (!choices.isEmpty()) {
          out.append(choices.get(rnd.nextInt(choices.size())));
        }
        if (out.length() > MAX_OUTPUT) {
          throw CelErrors.error("random: output longer than %d characters", MAX_OUTPUT);
        }
      }
    }
  }

  /** The characters one atom can produce; null for a group (re-generated per repetition). */
  private @Nullable List<String> atom() {
    char c = p.charAt(pos++);
    switch (c) {
      case '^', '$' -> {
        return List.of();
      }
      case '.' -> {
        return range(' ', '~');
      }
      case '\\' -> {
        return escape();
      }
      case '[' -> {
        return charClass();
      }
      case '(' -> {
        if (p.startsWith("?:", pos)) {
          pos += 2;
        }
        // parse once to find the end; the group is generated afresh per repetition
        alternation(new StringBuilder());
        if (pos >= p.length() || p.charAt(pos) != ')') {
          throw unsupported();
        }
        pos++;
        return null;
      }
      case '*', '+', '?', '{', ')', ']', '|' -> throw unsupported();
      default -> {
        return List.of(String.valueOf(c));
      }
    }
  }

  private List<String> escape() {
    if (pos >= p.length()) {
      throw unsupported();
    }
    char e = p.charAt(pos++);
    return switch (e) {
      case 'd' -> range('0', '9');
      case 'w' -> {
        List<String> l = new ArrayList<>(range('a', 'z'));
        l.addAll(range('A', 'Z'));
        l.addAll(range('0', '9'));
        l.add("_");
        yield l;
      }
      case 's' -> List.of(" ");
      case 'n' -> List.of("\n");
      case 't' -> List.of("\t");
      default -> {
        if (Character.isLetterOrDigit(e)) {
          throw unsupported();
        }
        yield List.of(String.valueOf(e));
      }
    };
  }

  private List<String> charClass() {
    if (pos < p.length() && p.charAt(pos) == '^') {
      throw unsupported();
    }
    List<String> out = new ArrayList<>();
    while (pos < p.length() && p.charAt(pos) != ']') {
      List<String> one;
      char c = p.charAt(pos++);
      if (c == '\\') {
        one = escape();
      } else if (pos + 1 < p.length() && p.charAt(pos) == '-' && p.charAt(pos + 1) != ']') {
        char hi = p.charAt(pos + 1);
        pos += 2;
        if (hi < c) {
          throw unsupported();
        }
        one = range(c, hi);
      } else {
        one = List.of(String.valueOf(c));
      }
      out.addAll(one);
    }
    if (pos >= p.length() || out.isEmpty()) {
      throw unsupported();
    }
    pos++;
    return out;
  }

  private int[] quantifier() {
    if (pos >= p.length()) {
      return new int[] {1, 1};
    }
    char c = p.charAt(pos);
    switch (c) {
      case '?' -> {
        pos++;
        return new int[] {0, 1};
      }
      case '*' -> {
        pos++;
        return new int[] {0, 10};
      }
      case '+' -> {
        pos++;
        return new int[] {1, 11};
      }
      case '{' -> {
        int end = p.indexOf('}', pos);
        if (end < 0) {
          throw unsupported();
        }
        String body = p.substring(pos + 1, end);
        pos = end + 1;
        if (!body.matches("[0-9]{1,4}(,[0-9]{0,4})?")) {
          throw unsupported();
        }
        String[] parts = body.split(",", -1);
        int min = Integer.parseInt(parts[0]);
        int max =
            parts.length == 1 ? min : parts[1].isEmpty() ? min + 10 : Integer.parseInt(parts[1]);
        if (max < min) {
          throw unsupported();
        }
        return new int[] {min, max};
      }
      default -> {
        return new int[] {1, 1};
      }
    }
  }

  private static List<String> range(char lo, char hi) {
    List<String> l = new ArrayList<>();
    for (char c = lo; c <= hi; c++) {
      l.add(String.valueOf(c));
    }
    return l;
  }

  private RuntimeException unsupported() {
    return CelErrors.error("random: unsupported or invalid pattern '%s' at offset %d", p, pos);
  }
}
