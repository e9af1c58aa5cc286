package dev.imagegate.sigstore.internal;

/**
 * Glob matching as Kyverno's {@code wildcard.Match}: {@code *} matches any run of characters (also
 * empty), {@code ?} exactly one, everything else itself; the whole string must match. Linear-time
 * backtracking on the last star, so hostile patterns cannot blow up.
 */
public final class Wildcard {
  private Wildcard() {}

  public static boolean match(String pattern, String s) {
    int p = 0;
    int i = 0;
    int star = -1;
    int mark = 0;
    while (i < s.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == s.charAt(i))) {
        p++;
        i++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = i;
      } else if (star >= 0) {
        p = star + 1;
        i = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  public static boolean hasWildcards(String pattern) {
    return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
  }
}
