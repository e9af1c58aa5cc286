package dev.imagegate.engine.internal;

import dev.imagegate.policy.Attestor;
import dev.imagegate.policy.AttestorSet;
import dev.imagegate.policy.AttestorTrust;
import dev.imagegate.policy.CTLog;
import dev.imagegate.policy.ImageVerificationType;
import dev.imagegate.policy.Location;
import dev.imagegate.policy.VerifyImage;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.VerifiedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Kyverno's attestor semantics (pkg/engine/internal/imageverifier.go verifyAttestorSet): every
 * attestor set must pass; within a set, {@code count} entries must verify (all of them when {@code
 * count} is absent); a nested {@code attestor} is a set of its own. Failures are reported with
 * Kyverno's paths, the attestor kind included ({@code .attestors[0].entries[1].keys: ...}, {@code
 * .attestors[0].entries[0].attestor.entries[0].keyless: ...}).
 */
final class AttestorSetEvaluator {
  /** Nesting bound for {@code attestor:} entries. */
  static final int MAX_DEPTH = 4;

  /**
   * The result for one image: passed with the proofs of the entries that verified, or denied
   * (certainly: too many entries were refused) or errored (some entry could not be checked, which
   * failurePolicy decides), with the failing set's counts.
   */
  sealed interface SetResult {
    record Passed(List<VerifiedImage> proofs) implements SetResult {
      public Passed {
        proofs = List.copyOf(proofs);
      }
    }

    record Denied(String message, int verified, int required) implements SetResult {}

    record Errored(String message, int verified, int required) implements SetResult {}
  }

  /**
   * An extra check on each verified entry (attestation conditions): null when it holds, else why
   * not; a failing entry counts as denied, as in Kyverno's verifyAttestations.
   */
  @FunctionalInterface
  interface EntryCheck {
    String check(VerifiedImage proof, String entryPath);

    EntryCheck NONE = (proof, path) -> null;
  }

  /**
   * Kyverno's attestor for an attestation that lists none (verifyAttestations: "add an empty
   * attestor"): a keyless signature by any identity under the public-good Sigstore root, SCTs not
   * required. Its failures carry no attestor kind in their path, as in Kyverno.
   */
  static final Attestor EMPTY_ATTESTOR =
      new Attestor(
          new AttestorTrust.Keyless(
              null, null, null, null, null, java.util.Map.of(), null, new CTLog(null, true, null)),
          null,
          java.util.Map.of(),
          Location.unknown("empty attestor"));

  private final AttestorVerifier verifier;

  AttestorSetEvaluator(AttestorVerifier verifier) {
    this.verifier = verifier;
  }

  SetResult evaluate(List<AttestorSet> sets, String path, VerificationTarget target) {
    return evaluate(sets, path, target, EntryCheck.NONE);
  }

  /**
   * @param path Kyverno's path of the sets in the policy, the prefix of every failure
   * @param check applied to each entry that verified
   */
  SetResult evaluate(
      List<AttestorSet> sets, String path, VerificationTarget target, EntryCheck check) {
    Request request = new Request(target, check);
    List<VerifiedImage> proofs = new ArrayList<>();
    for (int s = 0; s < sets.size(); s++) {
      SetResult r = evaluateSet(sets.get(s), path + ".attestors[" + s + "]", request, 0);
      if (!(r instanceof SetResult.Passed p)) {
        return r;
      }
      proofs.addAll(p.proofs());
    }
    return new SetResult.Passed(proofs);
  }

  /** What every entry of one evaluation is checked against. */
  private record Request(VerificationTarget target, EntryCheck check) {}

  private SetResult evaluateSet(AttestorSet set, String path, Request request, int depth) {
    int required = set.required();
    int verified = 0;
    int denied = 0;
    List<String> failures = new ArrayList<>();
    List<VerifiedImage> proofs = new ArrayList<>();
    List<Attestor> entries = set.entries();
    for (int i = 0; i < entries.size() && verified < required; i++) {
      SetResult r = evaluateEntry(entries.get(i), path + ".entries[" + i + "]", request, depth);
      switch (r) {
        case SetResult.Passed p -> {
          verified++;
          proofs.addAll(p.proofs());
        }
        case SetResult.Denied d -> {
          denied++;
          failures.add(d.message());
        }
        case SetResult.Errored e -> failures.add(e.message());
      }
      if (verified < required && entries.size() - (i + 1) < required - verified) {
        break; // the remaining entries cannot reach the count any more
      }
    }
    if (verified >= required) {
      return new SetResult.Passed(proofs);
    }
    String counted =
        required == entries.size() && required == 1
            ? ""
            : " (" + verified + " of required " + required + " verified)";
    // A denial is certain when the entries denied outright leave too few to reach the count;
    // otherwise some entry could not be checked (registry down, timeout): an error.
    String message = String.join("; ", failures) + counted;
    return entries.size() - denied < required
        ? new SetResult.Denied(message, verified, required)
        : new SetResult.Errored(message, verified, required);
  }

  private SetResult evaluateEntry(Attestor entry, String path, Request request, int depth) {
    if (entry.trust() instanceof AttestorTrust.Nested nested) {
      String nestedPath = path + ".attestor";
      if (nested.set() == null) {
        return new SetResult.Errored(
            nestedPath + ": attestor variable " + nested.unresolved() + " was not resolved", 0, 1);
      }
      if (depth >= MAX_DEPTH) {
        return new SetResult.Errored(
            nestedPath + ": attestors nested deeper than " + MAX_DEPTH, 0, 1);
      }
      return evaluateSet(nested.set(), nestedPath, request, depth + 1);
    }
    String entryPath =
        isEmptyAttestor(entry) || isNotary(request.target().rule())
            ? path
            : path + kind(entry.trust());
    Outcome o = verifier.verify(request.target(), entry);
    return switch (o) {
      case Outcome.Verified v -> {
        String failed = request.check().check(v.proof(), entryPath);
        yield failed == null
            ? new SetResult.Passed(List.of(v.proof()))
            : new SetResult.Denied(entryPath + ": " + failed, 0, 1);
      }
      case Outcome.Denied d -> new SetResult.Denied(entryPath + ": " + d.reason(), 0, 1);
      case Outcome.Error e -> new SetResult.Errored(entryPath + ": " + e.message(), 0, 1);
    };
  }

  private static boolean isNotary(VerifyImage rule) {
    return rule != null && rule.type() == ImageVerificationType.NOTARY;
  }

  /** Kyverno's sub-path of an entry: the attestor kind (buildCosignVerifier). */
  private static String kind(AttestorTrust trust) {
    return switch (trust) {
      case AttestorTrust.Keys k -> ".keys";
      case AttestorTrust.Certificates c -> ".certificates";
      case AttestorTrust.Keyless k -> ".keyless";
      case AttestorTrust.Nested n -> ".attestor";
    };
  }

  // The sentinel is compared by identity on purpose: a policy can never write this instance.
  @SuppressWarnings("ReferenceEquality")
  private static boolean isEmptyAttestor(Attestor entry) {
    return entry == EMPTY_ATTESTOR;
  }
}
