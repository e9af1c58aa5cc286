package dev.imagegate.ivpol;

import dev.imagegate.policy.LoadWarning;
import dev.imagegate.policy.Location;
import java.util.List;

/**
 * ImageValidatingPolicies read from files, warnings (unknown fields), and the documents imagegate
 * cannot enforce (another kind of {@code policies.kyverno.io}, an unknown version): callers must
 * refuse to run with those, never skip them silently.
 */
public record IvpolLoad(
    List<ImageValidatingPolicy> policies,
    List<PolicyExceptionSpec> exceptions,
    List<LoadWarning> warnings,
    List<Unsupported> unsupported) {
  public IvpolLoad {
    policies = List.copyOf(policies);
    exceptions = List.copyOf(exceptions);
    warnings = List.copyOf(warnings);
    unsupported = List.copyOf(unsupported);
  }

  /** A policy document that cannot be enforced, and why. */
  public record Unsupported(Location location, String reason) {
    @Override
    public String toString() {
      return location + ": " + reason;
    }
  }
}
