/**
 * cosign signature and attestation verification of one image digest: requirements (keys, a given
 * certificate or keyless identities, predicate types), the trust material they are checked against,
 * the {@link dev.imagegate.cosign.CosignVerifier} and its report. Callers may rely on a signature
 * being accepted only after the signer, transparency log, timestamps, certificate path, identity
 * and SCT all verified, on both storage forms (Sigstore bundles as OCI referrers and legacy {@code
 * .sig}/{@code .att} tags) being read, and on failures being precise values, never exceptions.
 */
@NullMarked
package dev.imagegate.cosign;

import org.jspecify.annotations.NullMarked;
