package dev.imagegate.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.imagegate.conditions.ConditionBlock;
import dev.imagegate.conditions.ConditionEvaluator;
import dev.imagegate.conditions.ConditionResult;
import dev.imagegate.conditions.EvaluationContext;
import dev.imagegate.conditions.SubstitutionResult;
import dev.imagegate.conditions.Variables;
import dev.imagegate.oci.Digest;
import dev.imagegate.policy.Attestation;
import dev.imagegate.policy.AttestorSet;
import dev.imagegate.policy.MatchedImage;
import dev.imagegate.policy.VerifyImage;
import dev.imagegate.verify.VerifiedAttestation;
import dev.imagegate.verify.VerifiedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies one matched image against its {@code verifyImages} entry with Kyverno v1.19's semantics
 * and messages (pkg/engine/internal/imageverifier.go): the image signature by every attestor set;
 * each attestation found and verified per attestor entry, an entry counting only when the
 * statements of the type satisfy the {@code conditions}; then {@code validate.deny} over the named
 * attestations. An entry with no attestors and no attestations verifies nothing (the digest checks
 * of the validate phase still apply).
 */
final class ImageEvaluator {
  private final AttestorSetEvaluator attestors;
  private final ConditionEvaluator conditions;
  private final Variables variables;

  ImageEvaluator(
      AttestorSetEvaluator attestors, ConditionEvaluator conditions, Variables variables) {
    this.attestors = attestors;
    this.conditions = conditions;
    this.variables = variables;
  }

  ImageOutcome evaluate(
      MatchedImage image, Digest digest, EvaluationContext ruleContext, RequestScope scope) {
    VerifyImage vi = image.verifyImage();
    VerificationTarget target = new VerificationTarget(scope, image.reference(), digest, vi, null);
    if (vi.attestors().isEmpty() && vi.attestations().isEmpty()) {
      return ImageOutcome.nothingToVerify(image, digest);
    }
    List<VerifiedImage> proofs = new ArrayList<>();
    if (!vi.attestors().isEmpty()) {
      String prefix = "failed to verify image " + image.kyvernoForm() + ": ";
      switch (attestors.evaluate(vi.attestors(), "", target)) {
        case AttestorSetEvaluator.SetResult.Passed p -> proofs.addAll(p.proofs());
        case AttestorSetEvaluator.SetResult.Denied d -> {
          return ImageOutcome.fail(image, digest, prefix + d.message());
        }
        case AttestorSetEvaluator.SetResult.Errored e -> {
          return ImageOutcome.error(image, digest, prefix + e.message());
        }
      }
    }
    EvaluationContext named = ruleContext.copy();
    for (int a = 0; a < vi.attestations().size(); a++) {
      Attestation att = vi.attestations().get(a);
      String path = ".attestations[" + a + "]";
      List<JsonNode> predicates = new ArrayList<>();
      AttestorSetEvaluator.EntryCheck check =
          (proof, entryPath) -> {
            List<VerifiedAttestation> found =
                proof.attestations().stream()
                    .filter(v -> att.type().equals(v.predicateType()))
                    .toList();
            if (found.isEmpty()) {
              return "attestions not found for predicate type " + att.type();
            }
            for (VerifiedAttestation v : found) {
              String failed = conditions(att, ruleContext, predicate(v), image);
              if (failed != null) {
                return failed;
              }
            }
            found.forEach(v -> predicates.add(predicate(v)));
            return null;
          };
      // Kyverno verifies an attestation that lists no attestors with an empty attestor (keyless,
      // any identity, public-good root). imagegate does that too and, when the entry has
      // attestors, also requires them to have signed it: never weaker than Kyverno.
      List<AttestorSet> sets = new ArrayList<>(att.attestors());
      if (sets.isEmpty()) {
        sets.add(
            new AttestorSet(null, List.of(AttestorSetEvaluator.EMPTY_ATTESTOR), att.location()));
        sets.addAll(vi.attestors());
      }
      AttestorSetEvaluator.SetResult r =
          attestors.evaluate(sets, path, target.attestations(att.type()), check);
      switch (r) {
        case AttestorSetEvaluator.SetResult.Passed p -> proofs.addAll(p.proofs());
        case AttestorSetEvaluator.SetResult.Denied d -> {
          return ImageOutcome.fail(
              image, digest, attestationFailure(d.verified(), d.required(), d.message()));
        }
        case AttestorSetEvaluator.SetResult.Errored e -> {
          return ImageOutcome.error(
              image, digest, attestationFailure(e.verified(), e.required(), e.message()));
        }
      }
      if (att.name() != null && !att.name().isEmpty() && !predicates.isEmpty()) {
        named.put(att.name(), predicates.get(0));
      }
    }
    if (vi.validate() != null && !vi.validate().deny().isEmpty()) {
      String denied = deny(vi, named);
      if (denied != null) {
        return ImageOutcome.fail(image, digest, "validation in verifyImages failed: " + denied);
      }
    }
    return ImageOutcome.pass(image, digest, proofs);
  }

  /** Kyverno's text (verifyAttestations), with imagegate's reason as the error. */
  private static String attestationFailure(int verified, int required, String error) {
    return "image attestations verification failed, verifiedCount: "
        + verified
        + ", requiredCount: "
        + required
        + ", error: "
        + error;
  }

  /** Null when the conditions hold on this statement, else Kyverno's reason. */
  private String conditions(
      Attestation att, EvaluationContext ruleContext, JsonNode predicate, MatchedImage image) {
    List<ConditionBlock> blocks = att.conditions();
    if (blocks.isEmpty()) {
      return null;
    }
    ConditionResult r =
        conditions.evaluateSubstitutedFirst(blocks, ruleContext.copy().merge(predicate).toJson());
    return switch (r) {
      case ConditionResult.Passed p -> null;
      case ConditionResult.Failed f ->
          "attestation checks failed for "
              + image.kyvernoForm()
              + " and predicate "
              + att.type()
              + ": "
              + f.describe();
      case ConditionResult.Error e ->
          "failed to check attestations: failed to substitute variables in attestation"
              + " conditions: "
              + e.message();
    };
  }

  /**
   * Null when {@code validate.deny} does not hold, else the message: {@code validate.message}
   * (variables substituted, as Kyverno's getDenyMessage) joined with the condition's reason.
   */
  private String deny(VerifyImage vi, EvaluationContext named) {
    JsonNode data = named.toJson();
    ConditionResult r = conditions.evaluateSubstitutedFirst(vi.validate().deny(), data);
    if (r instanceof ConditionResult.Error e) {
      return "failed to check deny conditions: " + e.message();
    }
    if (!r.passed()) {
      return null; // deny conditions do not hold: allowed
    }
    String message = vi.validate().message();
    if (message == null || message.isEmpty()) {
      return "validation error: imageVerify  failed";
    }
    return switch (variables.substituteString(message, data)) {
      case SubstitutionResult.Substituted s ->
          s.value().isTextual()
              ? s.value().asText()
              : "the produced message didn't resolve to a string, check your policy definition.";
      case SubstitutionResult.Failed f -> message + " (" + f.message() + ")";
    };
  }

  private static JsonNode predicate(VerifiedAttestation v) {
    return v.predicate() == null ? NullNode.getInstance() : v.predicate();
  }
}
