package dev.imagegate.policy;

import dev.imagegate.oci.ImageReference;

/**
 * An image the engine must verify for one {@code verifyImages} entry of a rule. {@code jsonPointer}
 * locates the image string in the resource (e.g. {@code /spec/template/spec/containers/0/image})
 * for the digest patch; {@code containerName} is the container's name (or the custom extractor's
 * key); {@code category} is {@code containers}, {@code initContainers}, {@code ephemeralContainers}
 * or a custom extractor name. {@code skipped}: the image matches the entry's {@code
 * skipImageReferences}; Kyverno's mutate phase then verifies nothing but still pins the digest, and
 * its validate phase ignores the skip list.
 */
public record MatchedImage(
    Rule rule,
    int verifyImagesIndex,
    VerifyImage verifyImage,
    String imageRef,
    ImageReference reference,
    String jsonPointer,
    String containerName,
    String category,
    boolean skipped) {
  /** The image as Kyverno prints it ({@code ImageInfo.String()}): the tag dropped by a digest. */
  public String kyvernoForm() {
    return dev.imagegate.policy.internal.ImageForms.kyvernoForm(imageRef, reference);
  }

  /** How Kyverno prints this image once pinned to {@code digest} (the tag dropped). */
  public String kyvernoFormPinnedTo(dev.imagegate.oci.Digest digest) {
    return dev.imagegate.policy.internal.ImageForms.kyvernoForm(
        imageRef, reference.withDigest(digest));
  }
}
