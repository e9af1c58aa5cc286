package dev.imagegate.cel.internal;

import com.google.re2j.Pattern;

/**
 * Translates a gobwas/glob pattern (no separators) into an RE2J regular expression. Written by hand
 * because no Java library implements gobwas' syntax ({@code [!...]}, nestable {@code {a,b}} whose
 * commas are literal outside braces); RE2J gives linear-time matching.
 */
public final class GlobCompiler {
  private final String pattern;
  private int pos;
  private int depth;

  private GlobCompiler(String pattern) {
    this.pattern = pattern;
  }

  public static Pattern toRegex(String pattern, int maxLength) {
    if (pattern.length() > maxLength) {
      throw new IllegalArgumentException("glob pattern longer than " + maxLength + " characters");
    }
    GlobCompiler c = new GlobCompiler(pattern);
    StringBuilder re = new StringBuilder("(?s)^");
    c.sequence(re);
    if (c.pos < pattern.length()) {
      throw c.error("unexpected '" + pattern.charAt(c.pos) + "'");
    }
    re.append('$');
    return Pattern.compile(re.toString());
  }

  /** Reads items until end of input or, inside braces, an unescaped ',' or '}'. */
  private void sequence(StringBuilder re) {
    while (pos < pattern.length()) {
      int cp = pattern.codePointAt(pos);
      if (depth > 0 && (cp == ',' || cp == '}')) {
        return;
      }
      pos += Character.charCount(cp);
      switch (cp) {
        case '*' -> {
          while (pos < pattern.length() && pattern.charAt(pos) == '*') {
            pos++;
          }
          re.append(".*");
        }
        case '?' -> re.append('.');
        case '[' -> range(re);
        case '{' -> alternatives(re);
        case '\\' -> literal(re, escaped());
        default -> literal(re, cp);
      }
    }
  }

  private int escaped() {
    if (pos >= pattern.length()) {
      throw error("unexpected end of input after escape");
    }
    int cp = pattern.codePointAt(pos);
    pos += Character.charCount(cp);
    return cp;
  }

  private void range(StringBuilder re) {
    boolean not = false;
    if (pos < pattern.length() && pattern.charAt(pos) == '!') {
      not = true;
      pos++;
    }
    StringBuilder cls = new StringBuilder(not ? "[^" : "[");
    int count = 0;
    if (pos + 2 < pattern.length()
        && pattern.charAt(pos + 1) == '-'
        && pattern.charAt(pos) != ']') {
      int lo = pattern.codePointAt(pos);
      pos += Character.charCount(lo) + 1;
      int hi = pattern.codePointAt(pos);
      pos += Character.charCount(hi);
      if (hi < lo) {
        throw error("invalid range " + Character.toString(lo) + "-" + Character.toString(hi));
      }
      cls.append(hex(lo)).append('-').append(hex(hi));
      count = 1;
    } else {
      while (pos < pattern.length() && pattern.charAt(pos) != ']') {
        int cp = pattern.codePointAt(pos);
        pos += Character.charCount(cp);
        if (cp == '\\') {
          cp = escaped();
        }
        cls.append(hex(cp));
        count++;
      }
    }
    if (pos >= pattern.length() || pattern.charAt(pos) != ']') {
      throw error("unclosed character class");
    }
    pos++;
    if (count == 0) {
      throw error("empty character class");
    }
    re.append(cls).append(']');
  }

  private void alternatives(StringBuilder re) {
    depth++;
    re.append("(?:");
    while (true) {
      sequence(re);
      if (pos >= pattern.length()) {
        throw error("unclosed '{'");
      }
      char c = pattern.charAt(pos++);
      if (c == '}') {
        break;
      }
      re.append('|');
    }
    re.append(')');
    depth--;
  }

  private static void literal(StringBuilder re, int cp) {
    re.append(hex(cp));
  }

  private static String hex(int cp) {
    return "\\x{" + Integer.toHexString(cp) + "}";
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("invalid glob pattern '" + pattern + "': " + what);
  }
}
