package dev.imagegate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code verifyImages[]} entry, legacy forms ({@code image}, {@code key}, {@code subject}...)
 * already mapped to attestors. {@code failureAction} null means "inherit the policy's {@code
 * validationFailureAction}". {@code raw} is the entry as written, for per-request variable
 * substitution.
 */
public record VerifyImage(
    int index,
    ImageVerificationType type,
    List<String> imageReferences,
    List<String> skipImageReferences,
    List<AttestorSet> attestors,
    List<Attestation> attestations,
    @Nullable Validation validate,
    @Nullable String repository,
    boolean mutateDigest,
    boolean verifyDigest,
    boolean required,
    boolean useCache,
    @Nullable FailureAction failureAction,
    boolean cosignOCI11,
    JsonNode raw,
    Location location) {
  public VerifyImage {
    imageReferences = List.copyOf(imageReferences);
    skipImageReferences = List.copyOf(skipImageReferences);
    attestors = List.copyOf(attestors);
    attestations = List.copyOf(attestations);
  }

  /** Enforce or Audit for this entry: its own {@code failureAction}, else the policy's. */
  public FailureAction effectiveFailureAction(
      Policy policy, String namespace, Map<String, String> namespaceLabels) {
    return failureAction != null
        ? failureAction
        : policy.failureActionIn(namespace, namespaceLabels);
  }

  /** Enforce or Audit ignoring namespace overrides (linting, where no namespace is known). */
  public FailureAction effectiveFailureAction(Policy policy) {
    return failureAction != null ? failureAction : policy.validationFailureAction();
  }
}
