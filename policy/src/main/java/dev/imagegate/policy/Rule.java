package dev.imagegate.policy;

import dev.imagegate.conditions.ConditionBlock;
import java.util.List;
import java.util.Map;

/**
 * A policy rule with its {@code verifyImages}; rules of other types (validate, mutate, generate)
 * are skipped with a warning.
 */
public record Rule(
    String name,
    MatchResources match,
    MatchResources exclude,
    List<ContextEntry> context,
    Map<String, List<ImageExtractor>> imageExtractors,
    List<ConditionBlock> preconditions,
    List<VerifyImage> verifyImages,
    Location location) {
  public Rule {
    context = List.copyOf(context);
    imageExtractors = Map.copyOf(imageExtractors);
    preconditions = List.copyOf(preconditions);
    verifyImages = List.copyOf(verifyImages);
  }

  /**
   * The rule's failure action as Kyverno v1.19 resolves it ({@code EngineResponse.ruleAction} in
   * pkg/engine/api/engineresponse.go): Enforce when any verifyImages entry says Enforce, else the
   * first entry that sets an action, else the first matching {@code
   * validationFailureActionOverrides}, else the policy's {@code validationFailureAction}.
   */
  public FailureAction failureAction(
      Policy policy, String namespace, Map<String, String> namespaceLabels) {
    FailureAction first = null;
    for (VerifyImage v : verifyImages) {
      if (v.failureAction() == FailureAction.ENFORCE) {
        return FailureAction.ENFORCE;
      }
      if (first == null) {
        first = v.failureAction();
      }
    }
    return first != null ? first : policy.failureActionIn(namespace, namespaceLabels);
  }
}
