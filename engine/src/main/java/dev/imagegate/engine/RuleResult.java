package dev.imagegate.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of one rule on one resource: PASS, FAIL (an Enforce rule denies), WARN (an Audit rule
 * that would have failed), ERROR (could not be evaluated: registry down, timeout, broken attestor)
 * or SKIP (not applicable).
 *
 * @param enforce whether the rule's failure action is Enforce (FAIL/ERROR then block admission,
 *     subject to failurePolicy)
 * @param message Kyverno-shaped message: image, attestor, reason
 * @param images per-image details
 */
public record RuleResult(
    String policy,
    String rule,
    RuleStatus status,
    boolean enforce,
    String message,
    List<ImageCheck> images) {
  public RuleResult {
    images = List.copyOf(images);
  }

  /** One image's check within a rule. {@code digest} may be null when resolution failed. */
  public record ImageCheck(
      String image, @Nullable String digest, RuleStatus status, String message) {
    /**
     * The message of an entry that is an evaluation step shown by {@code --explain} (its {@code
     * image} is the step's text), not an image: ImageValidatingPolicy results carry their
     * validation values this way. PolicyReports leave steps out.
     */
    public static final String STEP = "step";
  }
}
