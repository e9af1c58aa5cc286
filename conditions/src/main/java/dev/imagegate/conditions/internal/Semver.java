package dev.imagegate.conditions.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict semantic versions ({@code MAJOR.MINOR.PATCH[-pre][+build]}) with semver 2.0 precedence.
 */
public record Semver(BigInteger major, BigInteger minor, BigInteger patch, List<String> pre)
    implements Comparable<Semver> {
  private static final Pattern FORM =
      Pattern.compile(
          "v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

  /** Strict parse (no leading {@code v}), as Kyverno's numeric operators do. */
  public static Optional<Semver> parseStrict(String s) {
    return s != null && !s.startsWith("v") ? parse(s) : Optional.empty();
  }

  /** Accepts a leading {@code v}, as {@code semver_compare} does. */
  public static Optional<Semver> parse(String s) {
    if (s == null || s.length() > 256) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(s.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
    return Optional.of(
        new Semver(
            new BigInteger(m.group(1)),
            new BigInteger(m.group(2)),
            new BigInteger(m.group(3)),
            pre));
  }

  @Override
  public int compareTo(Semver o) {
    int c = major.compareTo(o.major);
    if (c == 0) {
      c = minor.compareTo(o.minor);
    }
    if (c == 0) {
      c = patch.compareTo(o.patch);
    }
    if (c != 0) {
      return c;
    }
    if (pre.isEmpty() || o.pre.isEmpty()) {
      return Boolean.compare(pre.isEmpty(), o.pre.isEmpty());
    }
    for (int i = 0; i < Math.min(pre.size(), o.pre.size()); i++) {
      String a = pre.get(i);
      String b = o.pre.get(i);
      boolean an = a.chars().allMatch(Character::isDigit);
      boolean bn = b.chars().allMatch(Character::isDigit);
      int d =
          an && bn
              ? new BigInteger(a).compareTo(new BigInteger(b))
              : an ? -1 : bn ? 1 : a.compareTo(b);
      if (d != 0) {
        return d;
      }
    }
    return Integer.compare(pre.size(), o.pre.size());
  }

  /**
   * A range like {@code >=1.0.0 <2.0.0 || 3.x}: space-separated comparators all hold, {@code ||}
   * alternatives any. Comparators: {@code = != > >= < <=}, bare version means {@code =}; {@code
   * x}/{@code *} wildcards in a bare version.
   */
  public static Optional<Boolean> satisfies(Semver v, String range) {
    for (String alternative : range.split("\\|\\|")) {
      boolean all = true;
      String[] parts = alternative.trim().split("\\s+");
      if (parts.length == 1 && parts[0].isEmpty()) {
        return Optional.empty();
      }
      for (String comparator : parts) {
        Optional<Boolean> r = holds(v, comparator);
        if (r.isEmpty()) {
          return Optional.empty();
        }
        all &= r.get();
      }
      if (all) {
        return Optional.of(true);
      }
    }
    return Optional.of(false);
  }

  private static Optional<Boolean> holds(Semver v, String comparator) {
    Matcher m = Pattern.compile("(>=|<=|!=|==|=|>|<)?(.+)").matcher(comparator);
    if (!m.matches()) {
      return Optional.empty();
    }
    String op = m.group(1) == null ? "=" : m.group(1);
    String ver = m.group(2);
    if (ver.matches("v?[0-9x*]+(\\.[0-9x*]+){0,2}")
        && ver.matches(".*[x*].*|v?[0-9]+(\\.[0-9]+)?")
        && op.equals("=")) {
      String[] want = ver.replaceFirst("^v", "").split("\\.");
      BigInteger[] have = {v.major, v.minor, v.patch};
      for (int i = 0; i < want.length; i++) {
        if (!want[i].equals("x")
            && !want[i].equals("*")
            && !new BigInteger(want[i]).equals(have[i])) {
          return Optional.of(false);
        }
      }
      return Optional.of(true);
    }
    Optional<Semver> other = parse(ver);
    if (other.isEmpty()) {
      return Optional.empty();
    }
    int c = v.compareTo(other.get());
    return Optional.of(
        switch (op) {
          case ">" -> c > 0;
          case ">=" -> c >= 0;
          case "<" -> c < 0;
          case "<=" -> c <= 0;
          case "!=" -> c != 0;
          default -> c == 0;
        });
  }
}
