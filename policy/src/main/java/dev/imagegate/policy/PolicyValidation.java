package dev.imagegate.policy;

import dev.imagegate.policy.LintFinding.Severity;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Kyverno v1.19's admission-time policy validation for the parts imagegate evaluates ({@code
 * pkg/validation/policy/validate.go} and the {@code Validate} methods of {@code
 * api/kyverno/v1/image_verification_types.go}), after the CRD defaults ({@code mutateDigest},
 * {@code verifyDigest}, {@code required} true; no failure action means Audit). A policy with an
 * error is one Kyverno's admission webhook refuses to store: every imagegate command refuses it too
 * ({@link PolicyLoader} lists it in {@link LoadResult#rejected}). Messages carry Kyverno's field
 * path and text; Kyverno's Go dump of the invalid value is left out.
 */
public final class PolicyValidation {
  /**
   * Kyverno's warning for {@code enforce}/{@code audit} (validate.go checkValidationFailureAction).
   */
  public static final String LOWERCASE_ACTION_WARNING =
      "Validation failure actions enforce/audit are deprecated, use Enforce/Audit instead.";

  /** The migration guide Kyverno's deprecation notice points to (pkg/deprecations). */
  public static final String MIGRATION_GUIDE = "https://kyverno.io/docs/guides/migration-to-cel/";

  private PolicyValidation() {}

  /** Kyverno v1.19's deprecation notice for the legacy kinds (pkg/deprecations/deprecations.go). */
  public static String deprecation(String kind) {
    String replacement =
        kind.equals("ClusterPolicy")
            ? "ValidatingPolicy, MutatingPolicy, GeneratingPolicy or ImageValidatingPolicy"
            : "NamespacedValidatingPolicy, NamespacedMutatingPolicy, NamespacedGeneratingPolicy or"
                + " NamespacedImageValidatingPolicy";
    return kind
        + " (kyverno.io) is deprecated and will be removed in a future release; migrate to "
        + replacement
        + " (policies.kyverno.io), see "
        + MIGRATION_GUIDE;
  }

  /** Errors (the policy is invalid) and warnings, in Kyverno's order. */
  public static List<LintFinding> validate(Policy policy) {
    List<LintFinding> out = new ArrayList<>();
    Location at = policy.location();
    if (policy.lowercaseFailureAction()) {
      out.add(new LintFinding(Severity.WARNING, at, LOWERCASE_ACTION_WARNING));
    }
    if (!policy.admission()) {
      // validate.go: admission false with mutate, generate or verifyImages rules.
      out.add(
          new LintFinding(
              Severity.ERROR,
              at,
              "disabling admission processing is only allowed with validation policies"));
      return out;
    }
    for (int r = 0; r < policy.rules().size(); r++) {
      Rule rule = policy.rules().get(r);
      String rulePath = "spec.rules[" + r + "]";
      if (rule.verifyImages().stream()
          .anyMatch(v -> v.imageReferences().stream().anyMatch(i -> i.contains("{{")))) {
        // validate.go ruleForbiddenSectionsHaveVariables / imageRefHasVariables.
        out.add(
            new LintFinding(
                Severity.ERROR,
                rule.location(),
                "rule \""
                    + rule.name()
                    + "\" should not have variables in image reference section"));
      }
      // validate.go: the spec's action is the start; an entry's own failureAction changes it for
      // that entry and, as Kyverno's loop variable does, for the entries after it that set none.
      boolean audit = policy.validationFailureAction() != FailureAction.ENFORCE;
      for (VerifyImage v : rule.verifyImages()) {
        if (v.failureAction() != null) {
          audit = v.failureAction() == FailureAction.AUDIT;
        }
        verifyImage(rulePath + ".verifyImages[" + v.index() + "]", v, audit, out);
      }
    }
    return out;
  }

  /** {@code ImageVerification.Validate}. */
  private static void verifyImage(
      String path, VerifyImage v, boolean audit, List<LintFinding> out) {
    if (audit && v.mutateDigest()) {
      out.add(
          new LintFinding(
              Severity.ERROR,
              v.location(),
              path
                  + ".mutateDigest: mutateDigest must be set to false for \u2018Audit\u2019 failure"
                  + " action"));
    }
    if (v.imageReferences().isEmpty()) {
      out.add(
          new LintFinding(Severity.ERROR, v.location(), path + ": An image reference is required"));
    }
    for (int i = 0; i < v.attestations().size(); i++) {
      Attestation a = v.attestations().get(i);
      for (int s = 0; s < a.attestors().size(); s++) {
        set(path + ".attestations[" + i + "].attestors[" + s + "]", a.attestors().get(s), out);
      }
    }
    for (int s = 0; s < v.attestors().size(); s++) {
      set(path + ".attestors[" + s + "]", v.attestors().get(s), out);
    }
    if (v.type() == ImageVerificationType.NOTARY) {
      for (AttestorSet set : v.attestors()) {
        for (Attestor a : set.entries()) {
          if (a.trust() instanceof AttestorTrust.Keyless) {
            out.add(
                new LintFinding(
                    Severity.ERROR,
                    a.location(),
                    path + ".attestors: Keyless field is not allowed for type notary"));
          }
          if (a.trust() instanceof AttestorTrust.Keys) {
            out.add(
                new LintFinding(
                    Severity.ERROR,
                    a.location(),
                    path + ".attestors: Keys field is not allowed for type notary"));
          }
        }
      }
    }
  }

  /** {@code validateAttestorSet}. */
  private static void set(String path, AttestorSet set, List<LintFinding> out) {
    if (set.count() != null && set.count() > set.entries().size()) {
      out.add(
          new LintFinding(
              Severity.ERROR, set.location(), path + ": Count cannot exceed length of entries"));
    }
    if (set.entries().isEmpty()) {
      out.add(new LintFinding(Severity.ERROR, set.location(), path + ": An entry is required"));
    }
    for (int e = 0; e < set.entries().size(); e++) {
      Attestor a = set.entries().get(e);
      String entry = path + ".entries[" + e + "]";
      switch (a.trust()) {
        case AttestorTrust.Keyless k -> {
          // KeylessAttestor.Validate; rekor.url has no default (the CRD marker is misspelt).
          if (k.rekor() == null && blank(k.roots())) {
            out.add(
                new LintFinding(
                    Severity.ERROR,
                    a.location(),
                    entry + ".keyless: Either Rekor URL or roots are required"));
          }
          if (k.rekor() != null && blank(k.rekor().url())) {
            out.add(
                new LintFinding(
                    Severity.ERROR, a.location(), entry + ".keyless: An URL is required"));
          }
        }
        case AttestorTrust.Nested n -> {
          if (n.set() != null) {
            set(entry + ".attestor", n.set(), out);
          }
        }
        default -> {}
      }
    }
  }

  private static boolean blank(@Nullable String s) {
    return s == null || s.isEmpty();
  }

  /** Only the errors of {@link #validate}. */
  public static List<String> errors(Policy policy) {
    return validate(policy).stream()
        .filter(f -> f.severity() == Severity.ERROR)
        .map(LintFinding::message)
        .toList();
  }
}
