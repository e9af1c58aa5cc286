package dev.imagegate.verify;

/**
 * Why one signature, attestation or image did not verify. {@code code} is stable for machines and
 * metrics; {@code message} names the image, the signature location, the key or identity, and what
 * was expected and found.
 */
public record Failure(Code code, String message) {
  /** Stable failure categories. */
  public enum Code {
    NO_SIGNATURES,
    NO_ATTESTATIONS,
    BAD_SIGNATURE,
    WRONG_KEY,
    DIGEST_MISMATCH,
    SUBJECT_MISMATCH,
    ANNOTATION_MISMATCH,
    PREDICATE_TYPE_MISMATCH,
    MALFORMED,
    TLOG,
    CERTIFICATE,
    IDENTITY,
    TIMESTAMP,
    REVOKED,
    EXPIRED,
    TRUST_POLICY,
    CONDITION,
    UNSUPPORTED
  }

  @Override
  public String toString() {
    return message;
  }
}
