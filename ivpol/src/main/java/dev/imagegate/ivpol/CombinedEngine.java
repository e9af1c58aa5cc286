package dev.imagegate.ivpol;

import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.PatchOperation;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.RequestedResource;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.engine.RuleResult;
import dev.imagegate.oci.RegistryException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Legacy kyverno.io policies and ImageValidatingPolicies side by side: both decide, either denies;
 * results, warnings and patches (first patch per path wins) are concatenated.
 */
final class CombinedEngine implements PolicyEngine {
  private final PolicyEngine legacy;
  private final PolicyEngine ivpol;

  CombinedEngine(PolicyEngine legacy, PolicyEngine ivpol) {
    this.legacy = legacy;
    this.ivpol = ivpol;
  }

  @Override
  public Decision evaluate(ResourceRequest request, AdmissionPhase phase, Instant deadline) {
    return merge(
        legacy.evaluate(request, phase, deadline), ivpol.evaluate(request, phase, deadline));
  }

  /** Either denies; legacy patches first, an ivpol patch of the same path dropped. */
  private static Decision merge(Decision a, Decision b) {
    List<RuleResult> results = new ArrayList<>(a.results());
    results.addAll(b.results());
    List<PatchOperation> patches = new ArrayList<>(a.patches());
    Set<String> paths = new LinkedHashSet<>();
    a.patches().forEach(p -> paths.add(p.path()));
    for (PatchOperation p : b.patches()) {
      if (paths.add(p.path())) {
        patches.add(p);
      }
    }
    List<String> warnings = new ArrayList<>(a.warnings());
    warnings.addAll(b.warnings());
    String message =
        a.denyMessage() == null
            ? b.denyMessage()
            : b.denyMessage() == null ? a.denyMessage() : a.denyMessage() + "; " + b.denyMessage();
    Map<String, Duration> timings = new HashMap<>(a.timings());
    b.timings().forEach((k, v) -> timings.merge(k, v, Duration::plus));
    return new Decision(a.allowed() && b.allowed(), message, results, patches, warnings, timings);
  }

  /**
   * Both engines from their caches, merged as {@link #evaluate} merges them; empty as soon as
   * either cannot answer from its cache (then the caller evaluates both in full).
   */
  @Override
  public java.util.Optional<Decision> evaluateFromCache(
      ResourceRequest request, AdmissionPhase phase, Instant deadline) {
    java.util.Optional<Decision> a = legacy.evaluateFromCache(request, phase, deadline);
    if (a.isEmpty()) {
      return a;
    }
    java.util.Optional<Decision> b = ivpol.evaluateFromCache(request, phase, deadline);
    return b.map(d -> merge(a.get(), d));
  }

  @Override
  public boolean mayMatch(String apiGroup, String version, String kind) {
    return legacy.mayMatch(apiGroup, version, kind) || ivpol.mayMatch(apiGroup, version, kind);
  }

  @Override
  public boolean mayMatch(
      String apiGroup, String version, String kind, @Nullable RequestedResource requested) {
    return legacy.mayMatch(apiGroup, version, kind, requested)
        || ivpol.mayMatch(apiGroup, version, kind, requested);
  }

  @Override
  public String policyVersion() {
    return legacy.policyVersion() + "+" + ivpol.policyVersion();
  }

  @Override
  public double verificationCacheHitRatio() {
    return legacy.verificationCacheHitRatio();
  }

  @Override
  public long verificationCacheSize() {
    return legacy.verificationCacheSize() + ivpol.verificationCacheSize();
  }

  @Override
  public Map<RegistryException.Kind, Long> registryErrors() {
    return legacy.registryErrors();
  }

  @Override
  public List<String> invalidPolicies() {
    List<String> out = new ArrayList<>(legacy.invalidPolicies());
    out.addAll(ivpol.invalidPolicies());
    return out;
  }

  @Override
  public List<String> policyWarnings() {
    List<String> out = new ArrayList<>(legacy.policyWarnings());
    out.addAll(ivpol.policyWarnings());
    return out;
  }

  /** Only legacy kinds are deprecated; ImageValidatingPolicies are their replacement. */
  @Override
  public Map<String, String> deprecatedPolicies() {
    return legacy.deprecatedPolicies();
  }

  @Override
  public void close() {
    try {
      legacy.close();
    } finally {
      ivpol.close();
    }
  }
}
