package dev.imagegate.engine;

import java.util.List;
import java.util.Map;
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
 * @param properties what a PolicyReport result carries beside the images: an
 *     ImageValidatingPolicy's audit annotations (key to value); empty for legacy rules
 */
public record RuleResult(
    String policy,
    String rule,
    RuleStatus status,
    boolean enforce,
    String message,
    List<ImageCheck> images,
    Map<String, String> properties) {
  public RuleResult {
    images = List.copyOf(images);
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
  }

  /** A result without properties (every legacy rule). */
  public RuleResult(
      String policy,
      String rule,
      RuleStatus status,
      boolean enforce,
      String message,
      List<ImageCheck> images) {
    this(policy, rule, status, enforce, message, images, Map.of());
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
