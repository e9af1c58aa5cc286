package dev.imagegate.notation;

/**
 * Revocation state of a certificate or chain; "non-revokable" certificates (no OCSP/CRL URL) count
 * as GOOD.
 */
public enum RevocationStatus {
  GOOD,
  REVOKED,
  UNKNOWN
}
