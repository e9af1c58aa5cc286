package dev.imagegate.engine.internal;

import dev.imagegate.policy.Attestor;
import dev.imagegate.verify.Outcome;

/**
 * Verifies one attestor entry for one resolved image: its signature, or attestations of one type.
 */
interface AttestorVerifier {
  /**
   * @param target the image, its rule and attestation type, and the request's scope: every registry
   *     read goes through {@link VerificationTarget#access()}
   */
  Outcome verify(VerificationTarget target, Attestor attestor);
}
