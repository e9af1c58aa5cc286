package dev.imagegate.base;

/**
 * Kyverno's wildcard matching: {@code *} matches any sequence of characters (also none and also
 * {@code /}), {@code ?} matches exactly one character. There is no escaping; every other character
 * matches itself. An empty pattern matches only the empty text.
 */
public final class Wildcard {
  private Wildcard() {}

  public static boolean match(String pattern, String text) {
    if (pattern == null || text == null) {
      return false;
    }
    // Iterative matching with one backtrack point: linear in practice, no recursion depth to bound.
    int p = 0;
    int t = 0;
    int starP = -1;
    int starT = -1;
    while (t < text.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))
          && pattern.charAt(p) != '*') {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        starP = p++;
        starT = t;
      } else if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  public static boolean containsWildcard(String s) {
    return s != null && (s.indexOf('*') >= 0 || s.indexOf('?') >= 0);
  }
}
