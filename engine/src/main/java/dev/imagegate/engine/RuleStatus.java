package dev.imagegate.engine;

/** Kyverno's result statuses ({@code kyverno apply} and PolicyReport). */
public enum RuleStatus {
  PASS,
  FAIL,
  WARN,
  ERROR,
  SKIP
}
