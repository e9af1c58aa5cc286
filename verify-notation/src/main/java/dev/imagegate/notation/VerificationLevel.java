package dev.imagegate.notation;

import java.util.Map;

/**
 * Trust policy {@code signatureVerification.level}: the default action of each validation type
 * (trust-store-trust-policy specification, table "Signature verification levels").
 */
public enum VerificationLevel {
  STRICT(
      "strict",
      VerificationAction.ENFORCE,
      VerificationAction.ENFORCE,
      VerificationAction.ENFORCE,
      VerificationAction.ENFORCE),
  PERMISSIVE(
      "permissive",
      VerificationAction.ENFORCE,
      VerificationAction.LOG,
      VerificationAction.LOG,
      VerificationAction.LOG),
  AUDIT(
      "audit",
      VerificationAction.LOG,
      VerificationAction.LOG,
      VerificationAction.LOG,
      VerificationAction.LOG),
  SKIP(
      "skip",
      VerificationAction.SKIP,
      VerificationAction.SKIP,
      VerificationAction.SKIP,
      VerificationAction.SKIP);

  private final String policyName;
  private final Map<VerificationStep, VerificationAction> actions;

  VerificationLevel(
      String policyName,
      VerificationAction authenticity,
      VerificationAction authenticTimestamp,
      VerificationAction expiry,
      VerificationAction revocation) {
    this.policyName = policyName;
    this.actions =
        Map.of(
            VerificationStep.AUTHENTICITY, authenticity,
            VerificationStep.AUTHENTIC_TIMESTAMP, authenticTimestamp,
            VerificationStep.EXPIRY, expiry,
            VerificationStep.REVOCATION, revocation);
  }

  public String policyName() {
    return policyName;
  }

  /**
   * Default action of a step at this level; steps outside the five validation types are always
   * enforced.
   */
  public VerificationAction defaultAction(VerificationStep step) {
    if (this == SKIP) {
      return VerificationAction.SKIP;
    }
    return actions.getOrDefault(step, VerificationAction.ENFORCE);
  }
}
