/**
 * Notary Project (notation) signature verification: trust policy documents and trust stores, the
 * Kyverno and Ratify configuration forms, revocation checking (OCSP and CRL with a cache), and the
 * verifiers for images and blobs with their reports. Callers may rely on the verification steps
 * (integrity, authenticity, authentic timestamp, expiry, revocation) being applied with the actions
 * the trust policy's level assigns, on a failed step being a precise value, and on broken
 * configuration raising {@link dev.imagegate.notation.NotationConfigException}.
 */
@NullMarked
package dev.imagegate.notation;

import org.jspecify.annotations.NullMarked;
