/**
 * Implementation of Notary verification: JWS and COSE envelope parsing, CMS and RFC 3161 timestamp
 * tokens, certificate path building against trust stores, signature discovery among OCI referrers
 * and revocation fetching. Not API: other modules use only {@code dev.imagegate.notation}.
 */
@NullMarked
package dev.imagegate.notation.internal;

import org.jspecify.annotations.NullMarked;
