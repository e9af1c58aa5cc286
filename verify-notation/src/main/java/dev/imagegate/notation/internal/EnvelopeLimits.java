package dev.imagegate.notation.internal;

/**
 * Bounds on untrusted envelope input; sizes follow notation-go (envelope blob 32 MiB is its upper
 * bound).
 */
public final class EnvelopeLimits {
  /**
   * Largest envelope accepted; notation-go caps the blob at 32 MiB, real envelopes are a few KiB.
   */
  public static final int MAX_ENVELOPE_BYTES = 4 * 1024 * 1024;

  /** Largest number of certificates in an unsigned chain or a timestamp token. */
  public static final int MAX_CHAIN_CERTIFICATES = 16;

  /** Largest payload accepted (a descriptor with annotations). */
  public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  private EnvelopeLimits() {}
}
