package dev.imagegate.engine.internal;

import dev.imagegate.engine.RuleStatus;
import dev.imagegate.oci.Digest;
import dev.imagegate.policy.MatchedImage;
import dev.imagegate.verify.VerifiedImage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result for one image of one rule: PASS/FAIL/ERROR/SKIP with a Kyverno-shaped message, the
 * resolved digest, and the proofs of what verified it. A PASS without proofs is an entry with
 * nothing to verify (no attestors, no attestations: Kyverno only pins and checks the digest); a
 * SKIP is an image in {@code skipImageReferences}. Only a PASS with proofs counts as verified for
 * {@code required}.
 */
record ImageOutcome(
    MatchedImage image,
    RuleStatus status,
    @Nullable Digest digest,
    List<VerifiedImage> proofs,
    String message) {
  ImageOutcome {
    proofs = List.copyOf(proofs);
  }

  static ImageOutcome pass(MatchedImage image, Digest digest, List<VerifiedImage> proofs) {
    if (proofs.isEmpty()) {
      throw new IllegalArgumentException("a verified outcome needs its proofs");
    }
    return new ImageOutcome(
        image,
        RuleStatus.PASS,
        digest,
        proofs,
        "verified image signatures for " + image.kyvernoForm());
  }

  /** An entry with no attestors and no attestations: nothing to verify (Kyverno: no response). */
  static ImageOutcome nothingToVerify(MatchedImage image, @Nullable Digest digest) {
    return new ImageOutcome(image, RuleStatus.PASS, digest, List.of(), "mutated image digest");
  }

  /** Kyverno's message for an image in skipImageReferences (imageverifier.go verifyImage). */
  static ImageOutcome skip(
      MatchedImage image, @Nullable Digest digest, String policy, String rule) {
    return new ImageOutcome(
        image,
        RuleStatus.SKIP,
        digest,
        List.of(),
        "skipping image reference image "
            + image.kyvernoForm()
            + ", policy "
            + policy
            + " ruleName "
            + rule);
  }

  static ImageOutcome fail(MatchedImage image, @Nullable Digest digest, String message) {
    return new ImageOutcome(image, RuleStatus.FAIL, digest, List.of(), message);
  }

  static ImageOutcome error(MatchedImage image, @Nullable Digest digest, String message) {
    return new ImageOutcome(image, RuleStatus.ERROR, digest, List.of(), message);
  }

  boolean verified() {
    return status == RuleStatus.PASS && !proofs.isEmpty();
  }
}
