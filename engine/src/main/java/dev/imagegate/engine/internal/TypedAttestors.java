package dev.imagegate.engine.internal;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.policy.Attestor;
import dev.imagegate.policy.VerifyImage;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import org.jspecify.annotations.Nullable;

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
  public Outcome verify(
      ImageReference ref,
      Digest digest,
      Attestor attestor,
      VerifyImage rule,
      @Nullable String predicateType,
      PhaseTimings timings,
      RegistryAccess access) {
    return switch (rule.type()) {
      case NOTARY -> notary.verify(ref, digest, attestor, rule, predicateType, timings, access);
      case COSIGN, SIGSTORE_BUNDLE ->
          cosign.verify(ref, digest, attestor, rule, predicateType, timings, access);
    };
  }
}
