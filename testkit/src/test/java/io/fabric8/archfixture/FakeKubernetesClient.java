package io.fabric8.archfixture;

/** Fixture: stands for the fabric8 Kubernetes client (testkit does not depend on it). */
public final class FakeKubernetesClient {
  public String namespace() {
    return "default";
  }
}
