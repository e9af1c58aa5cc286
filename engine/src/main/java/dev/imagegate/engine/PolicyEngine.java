package dev.imagegate.engine;

import java.time.Instant;

/**
 * Decides on resources with the loaded policies. Thread-safe; one instance serves all requests.
 * Implementations never throw for expected failures: registry errors, timeouts and bad signatures
 * are {@link RuleResult}s. {@code deadline}: when the answer is due (the webhook sets it below the
 * API server's timeout); verifications still running then yield "timed out verifying IMAGE after N
 * ms" errors.
 */
public interface PolicyEngine extends AutoCloseable {
  Decision evaluate(ResourceRequest request, AdmissionPhase phase, Instant deadline);

  /**
   * The decision {@link #evaluate} would make, if it can be made from what the engine has cached
   * (tag resolutions, verification outcomes) without any registry request or waiting for another
   * request's verification; empty otherwise (then call {@link #evaluate}). Runs on the caller's
   * thread: the webhook answers a warm review without handing it to another thread. The default
   * never answers.
   */
  default java.util.Optional<Decision> evaluateFromCache(
      ResourceRequest request, AdmissionPhase phase, Instant deadline) {
    return java.util.Optional.empty();
  }

  /**
   * Whether any loaded policy could match this kind at all (lets the webhook answer unmatched kinds
   * at once).
   */
  boolean mayMatch(String apiGroup, String version, String kind);

  /**
   * {@link #mayMatch(String, String, String)} for an admission request that names {@code requested}
   * (its resource and subresource; null: the whole object). Engines whose policies can name
   * subresources override it; the default ignores {@code requested}.
   */
  default boolean mayMatch(
      String apiGroup,
      String version,
      String kind,
      @org.jspecify.annotations.Nullable RequestedResource requested) {
    return mayMatch(apiGroup, version, kind);
  }

  /** A version that changes whenever policies change (cache keys, readiness, logs). */
  String policyVersion();

  /**
   * Verification cache hit ratio since the engine started (0..1; NaN when the engine keeps no
   * cache).
   */
  default double verificationCacheHitRatio() {
    return Double.NaN;
  }

  /** Verifications currently cached. */
  default long verificationCacheSize() {
    return 0;
  }

  /**
   * Failed registry operations since the engine started, by failure kind (NOT_FOUND, UNAUTHORIZED,
   * RATE_LIMITED...).
   */
  default java.util.Map<dev.imagegate.oci.RegistryException.Kind, Long> registryErrors() {
    return java.util.Map.of();
  }

  /**
   * Policies that were loaded but not used because Kyverno's admission validation refuses them,
   * each as {@code Kind name: reason} (see {@link dev.imagegate.policy.PolicyValidation}).
   */
  default java.util.List<String> invalidPolicies() {
    return java.util.List.of();
  }

  /** Load warnings of the policies in use (deprecations, ignored fields), each once. */
  default java.util.List<String> policyWarnings() {
    return java.util.List.of();
  }

  /**
   * The policies in use whose kind Kyverno v1.19 deprecates (the legacy {@code kyverno.io} kinds),
   * keyed by the name their {@link RuleResult#policy()} carries, each with Kyverno's deprecation
   * notice ({@link dev.imagegate.policy.PolicyValidation#deprecation}). The webhook logs the notice
   * when such a policy takes part in a review.
   */
  default java.util.Map<String, String> deprecatedPolicies() {
    return java.util.Map.of();
  }

  /** Releases registry connections and caches. */
  @Override
  default void close() {}
}
