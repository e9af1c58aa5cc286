package dev.imagegate.engine.internal;

import dev.imagegate.engine.RuleStatus;
import dev.imagegate.oci.Digest;
import dev.imagegate.policy.MatchedImage;

/**
 * The result for one image of one rule: PASS/FAIL/ERROR/SKIP with a Kyverno-shaped message, and the
 * verified digest (for the patch) when it passed.
 */
record ImageOutcome(MatchedImage image, RuleStatus status, Digest digest, String message) {
  static ImageOutcome pass(MatchedImage image, Digest digest) {
    return new ImageOutcome(image, RuleStatus.PASS, digest, "verified " + image.imageRef());
  }

  static ImageOutcome fail(MatchedImage image, Digest digest, String message) {
    return new ImageOutcome(image, RuleStatus.FAIL, digest, message);
  }

  static ImageOutcome error(MatchedImage image, Digest digest, String message) {
    return new ImageOutcome(image, RuleStatus.ERROR, digest, message);
  }
}
