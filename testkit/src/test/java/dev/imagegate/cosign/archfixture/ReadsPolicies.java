package dev.imagegate.cosign.archfixture;

import dev.imagegate.policy.archfixture.WatchesCluster;

/** Violation fixture: a verifier that knows about policies. */
public final class ReadsPolicies {
  public Class<?> policy() {
    return WatchesCluster.class;
  }
}
