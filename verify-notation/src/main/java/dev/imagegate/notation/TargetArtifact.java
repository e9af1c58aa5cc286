package dev.imagegate.notation;

import java.util.Map;
import java.util.Objects;

/**
 * The OCI artifact a signature must cover.
 *
 * @param reference {@code registry/repository@sha256:...}; the part before {@code @} selects the
 *     trust policy statement by its registry scopes
 * @param descriptor the resolved descriptor of the artifact (media type, digest and size must equal
 *     the signed ones)
 * @param userMetadata key/values that must appear with equal values in the signed {@code
 *     targetArtifact.annotations}
 */
public record TargetArtifact(
    String reference, ArtifactDescriptor descriptor, Map<String, String> userMetadata) {
  public TargetArtifact {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(descriptor, "descriptor");
    userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
  }

  public TargetArtifact(String reference, ArtifactDescriptor descriptor) {
    this(reference, descriptor, Map.of());
  }
}
