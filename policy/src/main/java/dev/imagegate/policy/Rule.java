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
}
