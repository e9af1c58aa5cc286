/**
 * Implementation of Notary verification: JWS and COSE envelope parsing, CMS and RFC 3161 timestamp
 * tokens, certificate path building against trust stores, signature discovery among OCI referrers
 * and revocation fetching. Not API: other modules use only {@code dev.imagegate.notation}.
 */
// @NullMarked: to be restored (the result-idiom refactor and the null annotations met in one merge)
package dev.imagegate.notation.internal;
