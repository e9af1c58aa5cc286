package dev.imagegate.notation;

/**
 * The checks of one Notary Project signature verification, in the order they run. The five
 * validation types of the trust policy ({@link #INTEGRITY} .. {@link #REVOCATION}) take their
 * action from the policy level; the others are always enforced.
 */
public enum VerificationStep {
  /** Selecting the trust policy statement for the artifact. */
  TRUST_POLICY("trust policy"),
  /**
   * Envelope parsing, signature over the payload, structural rules of the signature specification.
   */
  INTEGRITY("integrity"),
  /**
   * A critical {@code io.cncf.notary.verificationPlugin} attribute names a plugin this verifier
   * does not run.
   */
  VERIFICATION_PLUGIN("verification plugin"),
  /** Certificate chain anchored in the trust store and leaf matching the trusted identities. */
  AUTHENTICITY("authenticity"),
  /** {@code io.cncf.notary.expiry} in the past. */
  EXPIRY("expiry"),
  /**
   * Signing chain validity at an authentic time (RFC 3161 timestamp, authentic signing time, or
   * now).
   */
  AUTHENTIC_TIMESTAMP("authenticTimestamp"),
  /** OCSP/CRL status of the signing chain. */
  REVOCATION("revocation"),
  /**
   * Signed {@code targetArtifact} against the artifact being verified and the requested user
   * metadata.
   */
  ARTIFACT_MATCH("artifact match");

  private final String policyName;

  VerificationStep(String policyName) {
    this.policyName = policyName;
  }

  /**
   * The name the trust policy and notation messages use for this check ({@code authenticTimestamp},
   * ...).
   */
  public String policyName() {
    return policyName;
  }
}
