/**
 * Kyverno conditions and variables: {@code {{ }}} substitution with JMESPath extended by Kyverno's
 * functions, the condition operators (Equals, In, AnyIn, GreaterThan, DurationLessThan, ...) and
 * {@code any}/{@code all} blocks, evaluated against one JSON context document. Callers may rely on
 * Kyverno's semantics for type coercion, wildcards, quantities and durations, on an unresolvable
 * variable or malformed expression being a {@link dev.imagegate.conditions.ConditionResult} or
 * {@link dev.imagegate.conditions.ExpressionException} with the expression named, and on evaluation
 * touching nothing but the given document.
 */
@NullMarked
package dev.imagegate.conditions;

import org.jspecify.annotations.NullMarked;
