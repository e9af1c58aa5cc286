package dev.imagegate.cel;

import com.google.re2j.Pattern;
import dev.imagegate.cel.internal.GlobCompiler;

/**
 * A glob pattern with the semantics of {@code github.com/gobwas/glob} compiled without separators,
 * which is how Kyverno's {@code matchImageReferences[].glob} matches image references: {@code *}
 * and {@code **} match any run of characters (including {@code /}), {@code ?} one character, {@code
 * [abc]} / {@code [!abc]} a character (not) in the list, {@code [a-z]} / {@code [!a-z]} a character
 * (not) in the range, {@code {a,b}} one of the alternatives (nestable, each a pattern), and {@code
 * \} escapes the next character. Outside braces {@code ,} and {@code }} are literals. The whole
 * value must match. Matching runs on RE2J, so it is linear in the value's length.
 */
public final class Glob {
  /** Bound on a pattern's length; longer patterns are rejected as invalid. */
  public static final int MAX_PATTERN_LENGTH = 4096;

  private final String pattern;
  private final Pattern compiled;

  private Glob(String pattern, Pattern compiled) {
    this.pattern = pattern;
    this.compiled = compiled;
  }

  /**
   * Compiles a pattern.
   *
   * @throws IllegalArgumentException with gobwas-like wording when the pattern is malformed
   *     (unclosed {@code [} or {@code {}, trailing escape, empty range, ...) or too long
   */
  public static Glob compile(String pattern) {
    return new Glob(pattern, GlobCompiler.toRegex(pattern, MAX_PATTERN_LENGTH));
  }

  /**
   * Whether {@code value} matches {@code pattern}.
   *
   * @throws IllegalArgumentException when the pattern is malformed (see {@link #compile})
   */
  public static boolean matches(String pattern, String value) {
    return compile(pattern).matches(value);
  }

  /** Whether the whole {@code value} matches this pattern. */
  public boolean matches(String value) {
    return compiled.matches(value);
  }

  public String pattern() {
    return pattern;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
