package dev.imagegate.notation;

import java.util.Map;
import java.util.Objects;

/**
 * The descriptor a Notary payload signs ({@code targetArtifact}) or the one of the artifact being
 * verified. The digest is kept as text because blob signatures use {@code sha384:} digests, which
 * OCI descriptors do not.
 */
public record ArtifactDescriptor(
    String mediaType, String digest, long size, Map<String, String> annotations) {
  public ArtifactDescriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public ArtifactDescriptor(String mediaType, String digest, long size) {
    this(mediaType, digest, size, Map.of());
  }

  public static ArtifactDescriptor of(dev.imagegate.oci.Descriptor d) {
    return new ArtifactDescriptor(d.mediaType(), d.digest().toString(), d.size(), d.annotations());
  }

  /**
   * Notation's descriptor equality for verification: media type, digest and size; annotations are
   * not compared.
   */
  public boolean sameContentAs(ArtifactDescriptor other) {
    return mediaType.equals(other.mediaType) && digest.equals(other.digest) && size == other.size;
  }

  @Override
  public String toString() {
    return "{mediaType: " + mediaType + ", digest: " + digest + ", size: " + size + "}";
  }
}
