package dev.imagegate.oci;

import java.nio.file.Path;

/**
 * Where a repository lives: a registry host and repository path, or an OCI image layout directory
 * ({@link #LAYOUT} as registry, the absolute directory as path).
 */
public record RepositoryName(String registry, String path) {
  /** Pseudo-registry naming an OCI image layout on disk. */
  public static final String LAYOUT = "oci-layout";

  public static RepositoryName layout(Path dir) {
    return new RepositoryName(LAYOUT, dir.toAbsolutePath().normalize().toString());
  }

  public boolean isLayout() {
    return LAYOUT.equals(registry);
  }

  /**
   * Parses {@code registry/path} (as given to {@code --repository}), normalised like an image
   * reference.
   */
  public static RepositoryName parse(String s) {
    return ImageReference.parse(s).repositoryName();
  }

  @Override
  public String toString() {
    return isLayout() ? LAYOUT + ":" + path : registry + "/" + path;
  }
}
