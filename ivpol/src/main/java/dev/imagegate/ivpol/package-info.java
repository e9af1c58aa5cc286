/**
 * Kyverno's CEL image policies, {@code ImageValidatingPolicy} and {@code
 * NamespacedImageValidatingPolicy} of {@code policies.kyverno.io} (v1, v1beta1, v1alpha1): loading
 * with locations, lint, and a {@link dev.imagegate.engine.PolicyEngine} that evaluates them beside
 * the legacy kyverno.io policies.
 */
@NullMarked
package dev.imagegate.ivpol;

import org.jspecify.annotations.NullMarked;
