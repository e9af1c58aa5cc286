package dev.imagegate.ivpol;

import dev.imagegate.ivpol.internal.Spec;
import dev.imagegate.policy.Location;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code policies.kyverno.io} PolicyException as it applies to ImageValidatingPolicies: it skips
 * the policies it names ({@code policyRefs} name and kind) for requests where all its
 * matchConditions hold. Its {@code images} and {@code allowedValues} are ignored for ivpol, as in
 * Kyverno.
 */
public record PolicyExceptionSpec(
    String name,
    @Nullable String namespace,
    List<Ref> policyRefs,
    List<Spec.Named> matchConditions,
    Location location) {
  public PolicyExceptionSpec {
    policyRefs = List.copyOf(policyRefs);
    matchConditions = List.copyOf(matchConditions);
  }

  /** A policy the exception names. */
  public record Ref(String name, String kind) {}

  /** The name the skip message uses ({@code ns/name}). */
  public String displayName() {
    return namespace == null ? name : namespace + "/" + name;
  }

  /** Whether the exception names this policy. */
  public boolean names(ImageValidatingPolicy p) {
    return policyRefs.stream()
        .anyMatch(
            r -> r.name().equals(p.name()) && (r.kind().isEmpty() || r.kind().equals(p.kind())));
  }
}
