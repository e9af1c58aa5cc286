/**
 * Implementation of Sigstore verification: JSON and ASN.1 parsing, the certificate path builder,
 * Merkle inclusion and checkpoint verification, Rekor entry body matching and timestamp token
 * decoding. Not API: other modules use only {@code dev.imagegate.sigstore}.
 */
@NullMarked
package dev.imagegate.sigstore.internal;

import org.jspecify.annotations.NullMarked;
