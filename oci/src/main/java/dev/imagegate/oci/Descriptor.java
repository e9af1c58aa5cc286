package dev.imagegate.oci;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An OCI content descriptor. {@code artifactType} and {@code platform} are null when absent; {@code
 * annotations} is never null.
 */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    Map<String, String> annotations,
    @Nullable String artifactType,
    @Nullable Platform platform) {
  public Descriptor {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public Descriptor(String mediaType, Digest digest, long size) {
    this(mediaType, digest, size, Map.of(), null, null);
  }

  /** os/architecture/variant of an index entry. */
  public record Platform(
      @Nullable String os, @Nullable String architecture, @Nullable String variant) {
    @Override
    public String toString() {
      return os + "/" + architecture + (variant == null || variant.isEmpty() ? "" : "/" + variant);
    }
  }
}
