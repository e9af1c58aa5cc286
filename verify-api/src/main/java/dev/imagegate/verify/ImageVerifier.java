package dev.imagegate.verify;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import java.util.List;

/**
 * Base of every verifier. It is the only place that can issue {@link VerifiedImage} proofs:
 * subclasses call {@link #issue} once all their checks have passed.
 */
public abstract class ImageVerifier {
  /** Short name used in proofs, messages and metrics ({@code cosign}, {@code notary}). */
  protected abstract String name();

  protected final VerifiedImage issue(
      ImageReference reference,
      Digest digest,
      List<String> signers,
      List<VerifiedAttestation> attestations) {
    if (signers.isEmpty()) {
      throw new IllegalStateException("a proof needs at least one verified signer");
    }
    return new VerifiedImage(reference, digest, name(), signers, attestations);
  }
}
