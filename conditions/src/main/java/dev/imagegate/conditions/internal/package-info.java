/**
 * Implementation of Kyverno's JMESPath functions and condition operators: value equality and
 * ordering, Kubernetes quantities, Go durations and time layouts, semantic versions, ranges and set
 * operators. Not API: other modules use only {@code dev.imagegate.conditions}.
 */
@NullMarked
package dev.imagegate.conditions.internal;

import org.jspecify.annotations.NullMarked;
