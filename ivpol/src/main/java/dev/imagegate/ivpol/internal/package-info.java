/**
 * Implementation of ImageValidatingPolicy support: the spec model and its parser with Kyverno's
 * validation rules, the CEL environment (variables, images, attestors, the image-verification
 * functions), per-request evaluation in Kyverno's order, autogen, digest mutation and the mapping
 * of attestors onto the cosign and Notary verifiers.
 */
@NullMarked
package dev.imagegate.ivpol.internal;

import org.jspecify.annotations.NullMarked;
