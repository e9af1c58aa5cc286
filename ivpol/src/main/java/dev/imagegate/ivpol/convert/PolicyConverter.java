package dev.imagegate.ivpol.convert;

import dev.imagegate.ivpol.convert.internal.PolicyTranslation;
import dev.imagegate.policy.Policy;

/**
 * Rewrites a legacy Kyverno policy's verifyImages rules as ImageValidatingPolicies that decide the
 * same (see docs/convert.md for each construct and what does not convert). Pure: no registry or
 * file is touched. Policies without verifyImages rules convert to nothing.
 */
public final class PolicyConverter {
  private PolicyConverter() {}

  public static Conversion convert(Policy policy) {
    return PolicyTranslation.translate(policy);
  }
}
