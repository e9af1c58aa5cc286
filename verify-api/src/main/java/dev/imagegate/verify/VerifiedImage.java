package dev.imagegate.verify;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import java.util.List;

/**
 * Proof that an image digest was verified: which verifier, which signers matched, which
 * attestations were found valid. It has no public constructor; only a {@link ProofIssuer}, which
 * only an {@link ImageVerifier} in verify-cosign or verify-notation holds, can issue one (as Tink's
 * {@code VerifiedJwt}), so code holding a {@code VerifiedImage} knows verification really happened.
 */
public final class VerifiedImage {
  private final ImageReference reference;
  private final Digest digest;
  private final String verifier;
  private final List<String> signers;
  private final List<VerifiedAttestation> attestations;

  VerifiedImage(
      ImageReference reference,
      Digest digest,
      String verifier,
      List<String> signers,
      List<VerifiedAttestation> attestations) {
    this.reference = reference;
    this.digest = digest;
    this.verifier = verifier;
    this.signers = List.copyOf(signers);
    this.attestations = List.copyOf(attestations);
  }

  public ImageReference reference() {
    return reference;
  }

  /** The verified manifest digest: pin the workload to this. */
  public Digest digest() {
    return digest;
  }

  /** {@code cosign}, {@code notary}, ... */
  public String verifier() {
    return verifier;
  }

  /** Human descriptions of what matched (key fingerprints, certificate identities). */
  public List<String> signers() {
    return signers;
  }

  public List<VerifiedAttestation> attestations() {
    return attestations;
  }

  @Override
  public String toString() {
    return "VerifiedImage[" + reference + "@" + digest + " by " + verifier + " " + signers + "]";
  }
}
