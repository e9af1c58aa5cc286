package dev.imagegate.notation;

import org.jspecify.annotations.Nullable;

/** The three kinds of named trust stores ({@code x509/<type>/<name>/}). */
public enum TrustStoreType {
  /** Roots (or pinned certificates) for the {@code notary.x509} signing scheme. */
  CA("ca"),
  /** Roots for the {@code notary.x509.signingAuthority} scheme. */
  SIGNING_AUTHORITY("signingAuthority"),
  /** Timestamping authority roots for RFC 3161 countersignatures. */
  TSA("tsa");

  private final String policyName;

  TrustStoreType(String policyName) {
    this.policyName = policyName;
  }

  /** The prefix used in trust policies and as the directory name. */
  public String policyName() {
    return policyName;
  }

  public static @Nullable TrustStoreType fromPolicyName(String s) {
    for (TrustStoreType t : values()) {
      if (t.policyName.equals(s)) {
        return t;
      }
    }
    return null;
  }
}
