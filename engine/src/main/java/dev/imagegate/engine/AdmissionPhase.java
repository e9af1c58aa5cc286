package dev.imagegate.engine;

/**
 * Kyverno runs verifyImages twice: in the mutating webhook (verify, pin tags to digests, annotate)
 * and in the validating webhook (enforce {@code required} and {@code verifyDigest}). The CLI runs
 * both in one pass.
 */
public enum AdmissionPhase {
  MUTATE,
  VALIDATE,
  BOTH
}
