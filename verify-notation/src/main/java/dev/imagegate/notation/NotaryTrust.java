package dev.imagegate.notation;

import java.util.Objects;

/** A trust policy document together with the trust store its statements name. */
public record NotaryTrust(TrustPolicyDocument policy, TrustStore store) {
  public NotaryTrust {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(store, "store");
  }
}
