package dev.imagegate.notation;

/**
 * What a failed check does: stop verification, record a warning and continue, or not run at all.
 */
public enum VerificationAction {
  ENFORCE,
  LOG,
  SKIP;
}
