package dev.imagegate.policy.archfixture;

import io.fabric8.archfixture.FakeKubernetesClient;

/** Violation fixture: the policy model talking to Kubernetes. */
public final class WatchesCluster {
  public String ns(FakeKubernetesClient client) {
    return client.namespace();
  }
}
