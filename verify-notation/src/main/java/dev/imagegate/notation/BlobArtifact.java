package dev.imagegate.notation;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A detached (blob) artifact for {@code notation blob verify}-style verification. Either the
 * content is given (it is hashed with the hash of the signature algorithm, as notation does) or a
 * descriptor the caller computed.
 *
 * @param content the blob bytes, or null when {@code descriptor} is given
 * @param descriptor a caller-computed descriptor, or null when {@code content} is given
 * @param contentMediaType when non-null it must equal the signed media type
 * @param policyName the blob trust policy statement to use; null selects the global statement
 * @param userMetadata key/values that must appear in the signed annotations
 */
public record BlobArtifact(
    byte[] content,
    @Nullable ArtifactDescriptor descriptor,
    String contentMediaType,
    String policyName,
    Map<String, String> userMetadata) {
  public BlobArtifact {
    if ((content == null) == (descriptor == null)) {
      throw new IllegalArgumentException("exactly one of content and descriptor must be given");
    }
    userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
  }

  public static BlobArtifact ofContent(byte[] content, String contentMediaType, String policyName) {
    return new BlobArtifact(content, null, contentMediaType, policyName, Map.of());
  }

  public BlobArtifact withUserMetadata(Map<String, String> metadata) {
    return new BlobArtifact(content, descriptor, contentMediaType, policyName, metadata);
  }
}
