package dev.imagegate.trust;

/**
 * Broken trust configuration: an unreadable key, certificate or trust file. This is a configuration
 * error (exit code 2 in the CLI), never a verification outcome.
 */
public class TrustMaterialException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrustMaterialException(String message) {
    super(message);
  }

  public TrustMaterialException(String message, Throwable cause) {
    super(message, cause);
  }
}
