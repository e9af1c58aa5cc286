/**
 * Implementation of {@code imagegate convert}: the YAML writer that keeps key order and comments,
 * the translation of match/exclude, attestors, attestations, Kyverno conditions and JMESPath paths
 * into CEL, and the assembly of one ImageValidatingPolicy per legacy rule and verifyImages entry.
 */
@NullMarked
package dev.imagegate.ivpol.convert.internal;

import org.jspecify.annotations.NullMarked;
