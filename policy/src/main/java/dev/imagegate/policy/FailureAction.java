package dev.imagegate.policy;

/**
 * What a failed verification does: {@code Enforce} blocks the request, {@code Audit} only reports.
 */
public enum FailureAction {
  ENFORCE,
  AUDIT
}
