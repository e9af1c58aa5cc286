/**
 * Offline Sigstore verification: parsing bundles (v0.1 to v0.3) and trusted roots, and verifying
 * signatures, Fulcio certificates and identities, SCTs, Rekor transparency log entries (SET and
 * inclusion proof) and RFC 3161 timestamps, in the order {@link
 * dev.imagegate.sigstore.BundleVerifier} documents. Callers may rely on a bad signature or an
 * untrusted certificate being a {@link dev.imagegate.sigstore.Check} or {@link
 * dev.imagegate.sigstore.BundleVerification} failure with precise reasons, never an exception;
 * malformed input raises {@link dev.imagegate.sigstore.BundleFormatException} and broken trust
 * material {@code TrustMaterialException}.
 */
@NullMarked
package dev.imagegate.sigstore;

import org.jspecify.annotations.NullMarked;
