package dev.imagegate.cel;

import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Settings of the CEL environment built by {@link PolicyCel#newBuilder(CelSettings)}.
 *
 * @param clock source of {@code time.now()} (injectable for tests)
 * @param random source of {@code random()}
 * @param httpAllowedHosts host names (lower case, optionally {@code host:port}) the {@code http.*}
 *     functions may reach; empty (the default) means {@code http} is not declared at all, so a
 *     policy using it fails to compile. This is an SSRF guard: Kyverno registers {@code http}
 *     unconditionally, imagegate only on an explicit allow-list.
 * @param comprehensionMaxIterations bound on the total iterations of all comprehensions ({@code
 *     all}, {@code exists}, {@code map}, {@code filter}, ...) in one evaluation, nested ones
 *     included; exceeding it is an evaluation error. Kyverno has no such bound (cel-go's cost limit
 *     is not configured for ivpol); cel-java has no cost limit, so this is the guard.
 * @param maxRegexProgramSize bound on the RE2 program size of a regular expression ({@code
 *     matches}, {@code find}, {@code regex.*}); larger ones are an evaluation error
 * @param maxExpressionCodePointSize bound on one expression's source length, checked at parse time
 */
public record CelSettings(
    Clock clock,
    RandomGenerator random,
    Set<String> httpAllowedHosts,
    int comprehensionMaxIterations,
    int maxRegexProgramSize,
    int maxExpressionCodePointSize) {

  public static final int DEFAULT_COMPREHENSION_MAX_ITERATIONS = 1_000_000;
  public static final int DEFAULT_MAX_REGEX_PROGRAM_SIZE = 10_000;
  public static final int DEFAULT_MAX_EXPRESSION_CODE_POINT_SIZE = 100_000;

  public CelSettings {
    httpAllowedHosts =
        Set.copyOf(httpAllowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
    if (comprehensionMaxIterations <= 0
        || maxRegexProgramSize <= 0
        || maxExpressionCodePointSize <= 0) {
      throw new IllegalArgumentException("CEL bounds must be positive");
    }
  }

  /** System UTC clock, a secure random source, no {@code http}, the default bounds. */
  public static CelSettings defaults() {
    return new CelSettings(
        Clock.systemUTC(),
        new java.security.SecureRandom(),
        Set.of(),
        DEFAULT_COMPREHENSION_MAX_ITERATIONS,
        DEFAULT_MAX_REGEX_PROGRAM_SIZE,
        DEFAULT_MAX_EXPRESSION_CODE_POINT_SIZE);
  }

  public CelSettings withClock(Clock c) {
    return new CelSettings(
        c,
        random,
        httpAllowedHosts,
        comprehensionMaxIterations,
        maxRegexProgramSize,
        maxExpressionCodePointSize);
  }

  public CelSettings withRandom(RandomGenerator r) {
    return new CelSettings(
        clock,
        r,
        httpAllowedHosts,
        comprehensionMaxIterations,
        maxRegexProgramSize,
        maxExpressionCodePointSize);
  }

  public CelSettings withHttpAllowedHosts(Set<String> hosts) {
    return new CelSettings(
        clock,
        random,
        hosts,
        comprehensionMaxIterations,
        maxRegexProgramSize,
        maxExpressionCodePointSize);
  }

  public CelSettings withComprehensionMaxIterations(int n) {
    return new CelSettings(
        clock, random, httpAllowedHosts, n, maxRegexProgramSize, maxExpressionCodePointSize);
  }

  public CelSettings withMaxRegexProgramSize(int n) {
    return new CelSettings(
        clock, random, httpAllowedHosts, comprehensionMaxIterations, n, maxExpressionCodePointSize);
  }

  public CelSettings withMaxExpressionCodePointSize(int n) {
    return new CelSettings(
        clock, random, httpAllowedHosts, comprehensionMaxIterations, maxRegexProgramSize, n);
  }
}
