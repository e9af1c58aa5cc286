package dev.imagegate.policy;

/**
 * The webhook failure policy; with {@code Ignore}, failing registry calls are ignored too (Kyverno
 * 1.8+).
 */
public enum FailurePolicy {
  FAIL,
  IGNORE
}
