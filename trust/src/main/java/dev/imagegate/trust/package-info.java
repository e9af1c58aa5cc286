/**
 * Cryptographic building blocks shared by the verifiers: PEM, X.509 certificate and public key
 * loading, DSSE envelopes and their pre-authentication encoding, and raw signature verification
 * (ECDSA, RSA PKCS#1 v1.5 and PSS, Ed25519) with Bouncy Castle used explicitly, never installed as
 * a global provider. Callers may rely on a malformed signature being a failed verification (false),
 * never an exception, and on broken trust configuration raising {@link
 * dev.imagegate.trust.TrustMaterialException}.
 */
@NullMarked
package dev.imagegate.trust;

import org.jspecify.annotations.NullMarked;
