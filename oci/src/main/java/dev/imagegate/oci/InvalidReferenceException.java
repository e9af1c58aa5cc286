package dev.imagegate.oci;

import org.jspecify.annotations.Nullable;

/**
 * A malformed image reference; a usage error (exit code 2), with the reference and what is wrong.
 */
public class InvalidReferenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String reference;

  public InvalidReferenceException(String reference, @Nullable String problem) {
    super("invalid image reference '" + reference + "': " + problem);
    this.reference = reference;
  }

  public String reference() {
    return reference;
  }
}
