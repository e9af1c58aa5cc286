package dev.imagegate.oci;

import org.jspecify.annotations.Nullable;

/**
 * A registry or layout operation that did not complete: what was asked, of which repository, and
 * why. Verifiers turn it into an "error" outcome (Kyverno: the rule errors; failurePolicy decides),
 * never a pass.
 */
public class RegistryException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why it failed; lets callers map to outcomes and metrics without parsing messages. */
  public enum Kind {
    NOT_FOUND,
    UNAUTHORIZED,
    DENIED,
    TOO_LARGE,
    DIGEST_MISMATCH,
    TIMEOUT,
    RATE_LIMITED,
    NETWORK,
    PROTOCOL,
    UNSUPPORTED
  }

  private final Kind kind;
  private final int status;

  public RegistryException(
      Kind kind, int status, @Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
  }

  public RegistryException(Kind kind, String message) {
    this(kind, 0, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when none was received. */
  public int status() {
    return status;
  }
}
