package dev.imagegate.engine.internal;

import dev.imagegate.policy.Attestor;
import dev.imagegate.verify.Outcome;

/**
 * Routes an attestor to the verifier for its rule's {@code type}: Cosign and SigstoreBundle to
 * cosign, Notary to notary.
 */
final class TypedAttestors implements AttestorVerifier {
  private final AttestorVerifier cosign;
  private final AttestorVerifier notary;

  TypedAttestors(AttestorVerifier cosign, AttestorVerifier notary) {
    this.cosign = cosign;
    this.notary = notary;
  }

  @Override
  public Outcome verify(VerificationTarget target, Attestor attestor) {
    return switch (target.rule().type()) {
      case NOTARY -> notary.verify(target, attestor);
      case COSIGN, SIGSTORE_BUNDLE -> cosign.verify(target, attestor);
    };
  }
}
