package dev.imagegate.verify;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import java.util.List;

/**
 * Base of every verifier, and the only holder of a {@link ProofIssuer}: subclasses call {@link
 * #issue} (or hand {@link #issuer()} to their own internal classes) once all their checks have
 * passed. Only verify-cosign and verify-notation may extend it; the ArchUnit rule {@code
 * ModuleBoundaries.onlyVerifiersIssueProofs} fails the build for a subclass anywhere else, so a
 * proof cannot be forged by subclassing.
 */
public abstract class ImageVerifier {
  /** Short name used in proofs, messages and metrics ({@code cosign}, {@code notary}). */
  protected abstract String name();

  /** This verifier's issuer; keep it inside the verifier's module. */
  protected final ProofIssuer issuer() {
    return new ProofIssuer(name());
  }

  /**
   * Issues the proof for {@code digest}.
   *
   * @throws IllegalStateException when {@code signers} is empty
   */
  protected final VerifiedImage issue(
      ImageReference reference,
      Digest digest,
      List<String> signers,
      List<VerifiedAttestation> attestations) {
    return issuer().image(reference, digest, signers, attestations);
  }
}
