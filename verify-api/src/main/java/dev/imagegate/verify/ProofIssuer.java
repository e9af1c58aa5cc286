package dev.imagegate.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The only way to make a {@link VerifiedImage} or a {@link VerifiedAttestation}. Its constructor is
 * package-private and only {@link ImageVerifier#issuer()} (protected, final) calls it, so only an
 * {@code ImageVerifier} subclass obtains one; the ArchUnit rule {@code
 * ModuleBoundaries.onlyVerifiersIssueProofs} allows such subclasses, and any use of this class,
 * only in verify-cosign and verify-notation. A verifier hands its issuer to its own internal
 * classes (which build attestations) and never outside its module.
 */
public final class ProofIssuer {
  private final String verifier;

  ProofIssuer(String verifier) {
    this.verifier = verifier;
  }

  /**
   * Proof that {@code digest} was verified, once every check has passed.
   *
   * @throws IllegalStateException when {@code signers} is empty (a proof names who signed)
   */
  public VerifiedImage image(
      ImageReference reference,
      Digest digest,
      List<String> signers,
      List<VerifiedAttestation> attestations) {
    if (signers.isEmpty()) {
      throw new IllegalStateException("a proof needs at least one verified signer");
    }
    return new VerifiedImage(reference, digest, verifier, signers, attestations);
  }

  /** An attestation whose signature and subject were verified. */
  public VerifiedAttestation attestation(
      String predicateType, JsonNode predicate, @Nullable JsonNode statement, String signer) {
    return new VerifiedAttestation(predicateType, predicate, statement, signer);
  }
}
