package dev.imagegate.engine.internal;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.policy.Attestor;
import dev.imagegate.policy.VerifyImage;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import org.jspecify.annotations.Nullable;

/**
 * Verifies one attestor entry for one resolved image: its signature, or attestations of one type.
 */
interface AttestorVerifier {
  /**
   * @param predicateType null to verify signatures; else the attestation type whose statements to
   *     return (in the proof's attestations)
   * @param access the request's way to the registries (its credentials): every registry read goes
   *     through it
   */
  Outcome verify(
      ImageReference ref,
      Digest digest,
      Attestor attestor,
      VerifyImage rule,
      @Nullable String predicateType,
      PhaseTimings timings,
      RegistryAccess access);
}
