package dev.imagegate.policy;

import dev.imagegate.oci.ImageReference;

/**
 * An image the engine must verify for one {@code verifyImages} entry of a rule. {@code jsonPointer}
 * locates the image string in the resource (e.g. {@code /spec/template/spec/containers/0/image})
 * for the digest patch; {@code containerName} is the container's name (or the custom extractor's
 * key); {@code category} is {@code containers}, {@code initContainers}, {@code ephemeralContainers}
 * or a custom extractor name.
 */
public record MatchedImage(
    Rule rule,
    int verifyImagesIndex,
    VerifyImage verifyImage,
    String imageRef,
    ImageReference reference,
    String jsonPointer,
    String containerName,
    String category) {}
