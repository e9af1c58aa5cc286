package dev.imagegate.notation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Outcome of verifying one Notary Project signature envelope. */
public sealed interface NotaryResult {

  /** Failures of checks whose action was {@code log}: recorded, verification continued. */
  List<StepWarning> warnings();

  /** A logged failure: which step, and why. */
  record StepWarning(VerificationStep step, String reason) {
    @Override
    public String toString() {
      return step.policyName() + ": " + reason;
    }
  }

  /**
   * Every enforced check passed.
   *
   * @param payload the signed descriptor
   * @param signingScheme {@code notary.x509} or {@code notary.x509.signingAuthority}
   * @param certificateChain envelope chain, leaf first
   * @param timestamp the verified RFC 3161 timestamp, or null when none was evaluated
   * @param policyName the trust policy statement that applied
   * @param level its verification level
   */
  record Verified(
      ArtifactDescriptor payload,
      @Nullable String signingScheme,
      List<X509Certificate> certificateChain,
      @Nullable VerifiedTimestamp timestamp,
      String policyName,
      VerificationLevel level,
      List<StepWarning> warnings)
      implements NotaryResult {
    public Verified {
      certificateChain = List.copyOf(certificateChain);
      warnings = List.copyOf(warnings);
    }

    public X509Certificate signingCertificate() {
      return certificateChain.get(0);
    }
  }

  /** An enforced check failed; {@code reason} says which signature part, expected versus found. */
  record Failed(VerificationStep step, String reason, List<StepWarning> warnings)
      implements NotaryResult {
    public Failed {
      warnings = List.copyOf(warnings);
    }

    @Override
    public String toString() {
      return step.policyName() + " validation failed: " + reason;
    }
  }

  /** The applicable trust policy statement has level {@code skip}: nothing was verified. */
  record Skipped(String policyName) implements NotaryResult {
    @Override
    public List<StepWarning> warnings() {
      return List.of();
    }
  }

  /**
   * An RFC 3161 countersignature that passed verification.
   *
   * @param genTime TSTInfo genTime
   * @param accuracy the accuracy used for the validity window (TSTInfo accuracy, or 1 s for the
   *     baseline policy)
   * @param tsaChain the TSA chain built to a {@code tsa} trust store root, signer first
   */
  record VerifiedTimestamp(
      Instant genTime, java.time.@Nullable Duration accuracy, List<X509Certificate> tsaChain) {
    public VerifiedTimestamp {
      tsaChain = List.copyOf(tsaChain);
    }
  }
}
