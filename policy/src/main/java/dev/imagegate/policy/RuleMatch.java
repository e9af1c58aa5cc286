package dev.imagegate.policy;

import dev.imagegate.conditions.EvaluationContext;
import java.util.List;

/**
 * A rule that applies to a resource: either ready to verify, or not evaluable (a rule error, not a
 * verification failure).
 */
public sealed interface RuleMatch {
  Policy policy();

  Rule rule();

  /**
   * The name Kyverno reports: the rule name, or {@code autogen-NAME} / {@code autogen-cronjob-NAME}
   * for controllers.
   */
  String ruleName();

  /**
   * Ready: {@code verifyImages} are the rule's entries with request variables substituted
   * (attestation conditions and {@code validate} keep theirs, they are evaluated against
   * predicates); {@code images} lists what to verify; {@code context} is the variables document for
   * conditions (copy it, then merge a predicate or add named ones).
   */
  record Applicable(
      Policy policy,
      Rule rule,
      String ruleName,
      List<VerifyImage> verifyImages,
      List<MatchedImage> images,
      List<InvalidImage> invalidImages,
      EvaluationContext context)
      implements RuleMatch {
    public Applicable {
      verifyImages = List.copyOf(verifyImages);
      images = List.copyOf(images);
      invalidImages = List.copyOf(invalidImages);
    }
  }

  /**
   * The rule matches but cannot be evaluated: a missing ConfigMap, a variable that does not
   * resolve, an apiCall context.
   */
  record Unresolvable(Policy policy, Rule rule, String ruleName, String message, Location location)
      implements RuleMatch {}
}
