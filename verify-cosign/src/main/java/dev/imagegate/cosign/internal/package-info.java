/**
 * Implementation of cosign verification: discovering signatures and attestations (referrers and
 * legacy tags), simple signing and in-toto payload parsing, per-signature checks built on {@code
 * dev.imagegate.sigstore}. Not API: other modules use only {@code dev.imagegate.cosign}.
 */
@NullMarked
package dev.imagegate.cosign.internal;

import org.jspecify.annotations.NullMarked;
