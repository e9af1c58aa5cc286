package dev.imagegate.oci;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A fetched manifest: the exact bytes (their digest was verified), and the parsed content. {@code
 * descriptor} describes the manifest itself (media type, digest, size).
 */
public record Manifest(Descriptor descriptor, byte[] bytes, Content content) {

  /** Parsed manifest content. */
  public sealed interface Content permits ImageManifest, ImageIndex {
    String mediaType();

    String artifactType();

    Descriptor subject();

    Map<String, String> annotations();
  }

  /** OCI image manifest or Docker v2 schema 2 manifest. */
  public record ImageManifest(
      String mediaType,
      @Nullable String artifactType,
      @Nullable Descriptor config,
      List<Descriptor> layers,
      @Nullable Descriptor subject,
      Map<String, String> annotations)
      implements Content {
    public ImageManifest {
      layers = List.copyOf(layers);
      annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** OCI 1.1 rule: artifactType, else the config media type. */
    public @Nullable String effectiveArtifactType() {
      return artifactType != null ? artifactType : config == null ? null : config.mediaType();
    }
  }

  /** OCI image index or Docker manifest list. */
  public record ImageIndex(
      String mediaType,
      @Nullable String artifactType,
      List<Descriptor> manifests,
      @Nullable Descriptor subject,
      Map<String, String> annotations)
      implements Content {
    public ImageIndex {
      manifests = List.copyOf(manifests);
      annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
  }

  public Digest digest() {
    return descriptor.digest();
  }

  public boolean isIndex() {
    return content instanceof ImageIndex;
  }
}
