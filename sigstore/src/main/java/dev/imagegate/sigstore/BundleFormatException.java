package dev.imagegate.sigstore;

/**
 * A Sigstore bundle that cannot be read: malformed JSON or base64, an unknown media type, a missing
 * or out-of-range field. Checked, because a malformed bundle is an expected input that callers must
 * turn into a verification failure ({@link BundleVerifier#verify(byte[], Artifact,
 * VerificationPolicy)} does so).
 */
public class BundleFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public BundleFormatException(String message) {
    super(message);
  }

  public BundleFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
