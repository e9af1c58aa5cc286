/**
 * The contract between verifiers (cosign, Notary) and their callers (policy, engine, CLI): the
 * {@link dev.imagegate.verify.Outcome} of verifying one image (verified, failed with a precise
 * {@link dev.imagegate.verify.Failure}, or an error), the {@link
 * dev.imagegate.verify.VerifiedImage} proof that only an {@link dev.imagegate.verify.ImageVerifier}
 * can issue, and per-phase timings. Callers may rely on a pinned digest coming only from such a
 * proof.
 */
@NullMarked
package dev.imagegate.verify;

import org.jspecify.annotations.NullMarked;
