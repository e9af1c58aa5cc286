package dev.imagegate.engine.internal;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.OciClient;
import dev.imagegate.policy.Attestor;
import dev.imagegate.policy.VerifyImage;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import java.time.Clock;

/** Kyverno {@code type: Notary} attestors (placeholder until the Notary glue lands). */
final class NotaryAttestors implements AttestorVerifier {
  NotaryAttestors(OciClient client, Clock clock) {}

  @Override
  public Outcome verify(ImageReference ref, Digest digest, Attestor attestor, VerifyImage rule, String predicateType,
                        PhaseTimings timings) {
    return new Outcome.Error("Notary verification is not wired into the policy engine yet");
  }
}
