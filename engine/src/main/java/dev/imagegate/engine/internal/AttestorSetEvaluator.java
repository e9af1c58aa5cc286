package dev.imagegate.engine.internal;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.policy.Attestor;
import dev.imagegate.policy.AttestorSet;
import dev.imagegate.policy.AttestorTrust;
import dev.imagegate.policy.VerifyImage;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.VerifiedAttestation;
import java.util.ArrayList;
import java.util.List;

/**
 * Kyverno's attestor semantics: every attestor set must pass; within a set, {@code count} entries
 * must verify (all of them when {@code count} is absent); a nested {@code attestor} is a set of its
 * own. Failures are reported with Kyverno's paths ({@code .attestors[0].entries[1]: ...}).
 */
final class AttestorSetEvaluator {
  /** Nesting bound for {@code attestor:} entries. */
  static final int MAX_DEPTH = 4;

  /**
   * The result for one image: passed, or failed/errored with a message; verified attestations when
   * passed.
   */
  record SetResult(
      boolean passed,
      boolean error,
      String message,
      List<String> signers,
      List<VerifiedAttestation> attestations) {
    static SetResult pass(List<String> signers, List<VerifiedAttestation> atts) {
      return new SetResult(true, false, null, signers, atts);
    }

    static SetResult fail(boolean error, String message) {
      return new SetResult(false, error, message, List.of(), List.of());
    }
  }

  private final AttestorVerifier verifier;

  AttestorSetEvaluator(AttestorVerifier verifier) {
    this.verifier = verifier;
  }

  SetResult evaluate(
      List<AttestorSet> sets,
      String path,
      ImageReference ref,
      Digest digest,
      VerifyImage rule,
      String predicateType,
      PhaseTimings timings,
      RegistryAccess access) {
    return evaluate(sets, path, ref, digest, rule, predicateType, timings, access, 0);
  }

  private SetResult evaluate(
      List<AttestorSet> sets,
      String path,
      ImageReference ref,
      Digest digest,
      VerifyImage rule,
      String predicateType,
      PhaseTimings timings,
      RegistryAccess access,
      int depth) {
    List<String> signers = new ArrayList<>();
    List<VerifiedAttestation> atts = new ArrayList<>();
    for (int s = 0; s < sets.size(); s++) {
      SetResult r =
          evaluateSet(
              sets.get(s),
              path + ".attestors[" + s + "]",
              ref,
              digest,
              rule,
              predicateType,
              timings,
              access,
              depth);
      if (!r.passed()) {
        return r;
      }
      signers.addAll(r.signers());
      atts.addAll(r.attestations());
    }
    return SetResult.pass(signers, atts);
  }

  private SetResult evaluateSet(
      AttestorSet set,
      String path,
      ImageReference ref,
      Digest digest,
      VerifyImage rule,
      String predicateType,
      PhaseTimings timings,
      RegistryAccess access,
      int depth) {
    int required = set.required();
    int verified = 0;
    int denied = 0;
    List<String> failures = new ArrayList<>();
    List<String> signers = new ArrayList<>();
    List<VerifiedAttestation> atts = new ArrayList<>();
    List<Attestor> entries = set.entries();
    for (int i = 0; i < entries.size() && verified < required; i++) {
      String entryPath = path + ".entries[" + i + "]";
      SetResult r =
          evaluateEntry(
              entries.get(i), entryPath, ref, digest, rule, predicateType, timings, access, depth);
      if (r.passed()) {
        verified++;
        signers.addAll(r.signers());
        atts.addAll(r.attestations());
      } else {
        denied += r.error() ? 0 : 1;
        failures.add(r.message());
        if (entries.size() - (i + 1) < required - verified) {
          break; // the remaining entries cannot reach the count any more
        }
      }
    }
    if (verified >= required) {
      return SetResult.pass(signers, atts);
    }
    String counted =
        required == entries.size() && required == 1
            ? ""
            : " (" + verified + " of required " + required + " verified)";
    // A denial is certain when the entries that were denied outright leave too few to reach the
    // count; otherwise
    // some entry could not be checked (registry down, timeout) and the result is an error, which
    // failurePolicy decides.
    boolean certainDenial = entries.size() - denied < required;
    return SetResult.fail(!certainDenial, String.join("; ", failures) + counted);
  }

  private SetResult evaluateEntry(
      Attestor entry,
      String path,
      ImageReference ref,
      Digest digest,
      VerifyImage rule,
      String predicateType,
      PhaseTimings timings,
      RegistryAccess access,
      int depth) {
    if (entry.trust() instanceof AttestorTrust.Nested nested) {
      if (nested.set() == null) {
        return SetResult.fail(
            true, path + ": attestor variable " + nested.unresolved() + " was not resolved");
      }
      if (depth >= MAX_DEPTH) {
        return SetResult.fail(true, path + ": attestors nested deeper than " + MAX_DEPTH);
      }
      return evaluate(
          List.of(nested.set()),
          path,
          ref,
          digest,
          rule,
          predicateType,
          timings,
          access,
          depth + 1);
    }
    Outcome o = verifier.verify(ref, digest, entry, rule, predicateType, timings, access);
    return switch (o) {
      case Outcome.Verified v -> SetResult.pass(v.proof().signers(), v.proof().attestations());
      case Outcome.Denied d -> SetResult.fail(false, path + ": " + d.reason());
      case Outcome.Error e -> SetResult.fail(true, path + ": " + e.message());
    };
  }
}
