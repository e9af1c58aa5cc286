/**
 * Implementation of cosign verification: discovering signatures and attestations (referrers and
 * legacy tags), simple signing and in-toto payload parsing, per-signature checks built on {@code
 * dev.imagegate.sigstore}. Not API: other modules use only {@code dev.imagegate.cosign}.
 */
// @NullMarked: to be restored (the result-idiom refactor and the null annotations met in one merge)
package dev.imagegate.cosign.internal;
