package dev.imagegate.cel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A semantic version parsed and ordered like {@code github.com/blang/semver/v4} (strict {@code
 * Parse}, SemVer 2.0 precedence, build metadata ignored), plus Kubernetes' {@code
 * normalizeAndParse}. Hand-written (about 100 lines) because the Kubernetes library's behaviour,
 * including error wording and normalisation, is defined by blang/semver; Java semver libraries
 * differ in leniency and messages.
 */
final class Semver implements Comparable<Semver> {
  final long major;
  final long minor;
  final long patch;
  final List<String> pre;

  private Semver(long major, long minor, long patch, List<String> pre) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.pre = pre;
  }

  static Semver parse(String s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("Version string empty");
    }
    String[] parts = s.split("\\.", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("No Major.Minor.Patch elements found");
    }
    long major = number(parts[0], "major");
    long minor = number(parts[1], "minor");
    String rest = parts[2];
    int preIndex = rest.indexOf('-');
    int buildIndex = rest.indexOf('+');
    int end =
        preIndex >= 0 && buildIndex >= 0
            ? Math.min(preIndex, buildIndex)
            : preIndex >= 0 ? preIndex : buildIndex >= 0 ? buildIndex : rest.length();
    long patch = number(rest.substring(0, end), "patch");
    List<String> pre = new ArrayList<>();
    if (buildIndex >= 0) {
      String build = rest.substring(buildIndex + 1);
      for (String b : build.split("\\.", -1)) {
        if (b.isEmpty()) {
          throw new IllegalArgumentException("Build meta data is empty");
        }
        if (!b.matches("[0-9A-Za-z-]+")) {
          throw new IllegalArgumentException(
              "Invalid character(s) found in build meta data " + GoQuote.quote(b));
        }
      }
    }
    if (preIndex >= 0 && (buildIndex < 0 || preIndex < buildIndex)) {
      String preStr = rest.substring(preIndex + 1, buildIndex >= 0 ? buildIndex : rest.length());
      for (String p : preStr.split("\\.", -1)) {
        if (p.isEmpty()) {
          throw new IllegalArgumentException("Prerelease is empty");
        }
        if (p.matches("[0-9]+")) {
          if (p.length() > 1 && p.charAt(0) == '0') {
            throw new IllegalArgumentException(
                "Numeric PreRelease version must not contain leading zeroes " + GoQuote.quote(p));
          }
        } else if (!p.matches("[0-9A-Za-z-]+")) {
          throw new IllegalArgumentException(
              "Invalid character(s) found in prerelease " + GoQuote.quote(p));
        }
        pre.add(p);
      }
    }
    return new Semver(major, minor, patch, List.copyOf(pre));
  }

  private static long number(String s, String what) {
    if (s.isEmpty() || !s.matches("[0-9]+")) {
      throw new IllegalArgumentException(
          "Invalid character(s) found in " + what + " number " + GoQuote.quote(s));
    }
    if (s.length() > 1 && s.charAt(0) == '0') {
      String cap = Character.toUpperCase(what.charAt(0)) + what.substring(1);
      throw new IllegalArgumentException(
          cap + " number must not contain leading zeroes " + GoQuote.quote(s));
    }
    try {
      long v = Long.parseLong(s);
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid character(s) found in " + what + " number " + GoQuote.quote(s));
    }
  }

  /** Kubernetes' normalizeAndParse: drop a leading v, leading zeros; fill minor and patch. */
  static Semver normalizeAndParse(String s) {
    if (s.startsWith("v")) {
      s = s.substring(1);
    }
    List<String> parts = new ArrayList<>(List.of(s.split("\\.", 3)));
    for (int i = 0; i < parts.size(); i++) {
      String p = parts.get(i);
      if (p.length() > 1) {
        p = p.replaceFirst("^0+", "");
        if (p.isEmpty() || !Character.isDigit(p.charAt(0))) {
          p = "0" + p;
        }
        parts.set(i, p);
      }
    }
    if (parts.size() < 3) {
      String last = parts.get(parts.size() - 1);
      if (last.contains("+") || last.contains("-")) {
        throw new IllegalArgumentException(
            "short version cannot contain PreRelease/Build meta data");
      }
      while (parts.size() < 3) {
        parts.add("0");
      }
    }
    return parse(String.join(".", parts));
  }

  @Override
  public int compareTo(Semver o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, o.patch);
    }
    if (c != 0) {
      return Integer.signum(c);
    }
    if (pre.isEmpty() || o.pre.isEmpty()) {
      return pre.isEmpty() && o.pre.isEmpty() ? 0 : pre.isEmpty() ? 1 : -1;
    }
    for (int i = 0; i < Math.min(pre.size(), o.pre.size()); i++) {
      String a = pre.get(i);
      String b = o.pre.get(i);
      boolean an = a.matches("[0-9]+");
      boolean bn = b.matches("[0-9]+");
      int r;
      if (an && bn) {
        r = new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
      } else if (an != bn) {
        r = an ? -1 : 1;
      } else {
        r = a.compareTo(b);
      }
      if (r != 0) {
        return Integer.signum(r);
      }
    }
    return Integer.signum(Integer.compare(pre.size(), o.pre.size()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Semver s && compareTo(s) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(major, minor, patch, pre);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (pre.isEmpty() ? "" : "-" + String.join(".", pre));
  }
}
