package dev.imagegate.policy;

/** {@code verifyImages[].type}: which signature format to verify. */
public enum ImageVerificationType {
  COSIGN("Cosign"),
  NOTARY("Notary"),
  SIGSTORE_BUNDLE("SigstoreBundle");

  private final String policyName;

  ImageVerificationType(String policyName) {
    this.policyName = policyName;
  }

  public String policyName() {
    return policyName;
  }
}
