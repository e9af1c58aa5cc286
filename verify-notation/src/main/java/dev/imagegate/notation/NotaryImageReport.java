package dev.imagegate.notation;

import dev.imagegate.oci.Digest;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.SignatureFinding;
import java.util.List;

/**
 * What {@link NotaryImageVerifier} found for one artifact: the outcome (a {@code VerifiedImage}
 * proof when verified), one finding per signature or attestation examined (for printing), and the
 * Notary result of every signature envelope examined (for Ratify-shaped reports).
 */
public record NotaryImageReport(
    Outcome outcome, List<SignatureFinding> findings, List<SignatureCheck> checks) {
  public NotaryImageReport {
    findings = List.copyOf(findings);
    checks = List.copyOf(checks);
  }

  /**
   * One signature examined.
   *
   * @param subject {@code registry/repository@digest} of the artifact the signature must cover
   * @param signature digest of the signature manifest
   * @param result the verification result; envelopes that could not be read or were structurally
   *     unusable are {@link NotaryResult.Failed} at step {@link VerificationStep#INTEGRITY}
   */
  public record SignatureCheck(String subject, Digest signature, NotaryResult result) {}
}
