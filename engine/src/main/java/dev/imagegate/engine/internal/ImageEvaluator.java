package dev.imagegate.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.imagegate.conditions.ConditionBlock;
import dev.imagegate.conditions.ConditionEvaluator;
import dev.imagegate.conditions.ConditionResult;
import dev.imagegate.conditions.EvaluationContext;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.policy.Attestation;
import dev.imagegate.policy.AttestorSet;
import dev.imagegate.policy.MatchedImage;
import dev.imagegate.policy.VerifyImage;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.VerifiedAttestation;
import java.util.List;

/**
 * Verifies one matched image against its {@code verifyImages} entry, with Kyverno's semantics: the
 * image signature by every attestor set; each listed attestation found and verified by its
 * attestors (the entry's attestors when it lists none) with its {@code conditions} holding on every
 * verified predicate; then {@code validate.deny} over the named attestations.
 */
final class ImageEvaluator {
  private final AttestorSetEvaluator attestors;
  private final ConditionEvaluator conditions;

  ImageEvaluator(AttestorSetEvaluator attestors, ConditionEvaluator conditions) {
    this.attestors = attestors;
    this.conditions = conditions;
  }

  ImageOutcome evaluate(
      MatchedImage image,
      Digest digest,
      EvaluationContext ruleContext,
      PhaseTimings timings,
      RegistryAccess access) {
    VerifyImage vi = image.verifyImage();
    ImageReference ref = image.reference();
    String prefix = "failed to verify image " + image.imageRef() + ": ";
    if (vi.attestors().isEmpty() && vi.attestations().isEmpty()) {
      return ImageOutcome.error(
          image, digest, prefix + "the verifyImages entry has no attestors and no attestations");
    }
    if (!vi.attestors().isEmpty()) {
      AttestorSetEvaluator.SetResult r =
          attestors.evaluate(vi.attestors(), "", ref, digest, vi, null, timings, access);
      if (!r.passed()) {
        return r.error()
            ? ImageOutcome.error(image, digest, prefix + r.message())
            : ImageOutcome.fail(image, digest, prefix + r.message());
      }
    }
    EvaluationContext named = ruleContext.copy();
    for (int a = 0; a < vi.attestations().size(); a++) {
      Attestation att = vi.attestations().get(a);
      String path = ".attestations[" + a + "]";
      List<AttestorSet> sets = att.attestors().isEmpty() ? vi.attestors() : att.attestors();
      if (sets.isEmpty()) {
        return ImageOutcome.error(
            image,
            digest,
            prefix + path + ": no attestors to verify attestations of type " + att.type());
      }
      AttestorSetEvaluator.SetResult r =
          attestors.evaluate(sets, path, ref, digest, vi, att.type(), timings, access);
      if (!r.passed()) {
        return r.error()
            ? ImageOutcome.error(image, digest, prefix + r.message())
            : ImageOutcome.fail(image, digest, prefix + r.message());
      }
      List<VerifiedAttestation> found =
          r.attestations().stream().filter(v -> att.type().equals(v.predicateType())).toList();
      if (found.isEmpty()) {
        return ImageOutcome.fail(
            image,
            digest,
            prefix + path + ": no verified attestation of type " + att.type() + " found");
      }
      for (VerifiedAttestation v : found) {
        String failed = check(att.conditions(), ruleContext.copy().merge(predicate(v)).toJson());
        if (failed != null) {
          return ImageOutcome.fail(
              image,
              digest,
              prefix
                  + path
                  + ": attestation "
                  + att.type()
                  + " does not satisfy its conditions: "
                  + failed);
        }
      }
      if (att.name() != null && !att.name().isEmpty()) {
        named.put(att.name(), predicate(found.get(0)));
      }
    }
    if (vi.validate() != null && !vi.validate().deny().isEmpty()) {
      ConditionResult deny = conditions.evaluate(vi.validate().deny(), named.toJson());
      if (deny instanceof ConditionResult.Error e) {
        return ImageOutcome.error(image, digest, prefix + "validate.deny: " + e.message());
      }
      if (deny.passed()) {
        String msg =
            vi.validate().message() == null || vi.validate().message().isBlank()
                ? "validate.deny conditions hold"
                : vi.validate().message();
        return ImageOutcome.fail(image, digest, prefix + msg);
      }
    }
    return ImageOutcome.pass(image, digest);
  }

  private static JsonNode predicate(VerifiedAttestation v) {
    return v.predicate() == null ? NullNode.getInstance() : v.predicate();
  }

  /** Null when every block holds, else the first failing condition described. */
  private String check(List<ConditionBlock> blocks, JsonNode data) {
    if (blocks.isEmpty()) {
      return null;
    }
    ConditionResult r = conditions.evaluate(blocks, data);
    return switch (r) {
      case ConditionResult.Passed p -> null;
      case ConditionResult.Failed f -> f.describe();
      case ConditionResult.Error e -> "error: " + e.message();
    };
  }
}
