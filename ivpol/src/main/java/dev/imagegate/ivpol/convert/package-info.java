/**
 * {@code imagegate convert}: rewrites legacy Kyverno {@code verifyImages} policies (ClusterPolicy,
 * Policy) as ImageValidatingPolicies that decide the same, and reports per rule, with a precise
 * reason, what cannot be expressed the same way. The API is {@link
 * dev.imagegate.ivpol.convert.PolicyConverter} and its result types; the translation lives in
 * {@code internal}.
 */
@NullMarked
package dev.imagegate.ivpol.convert;

import org.jspecify.annotations.NullMarked;
