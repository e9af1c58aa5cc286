package dev.imagegate.policy;

/**
 * Where a public key comes from. Only {@link Pem} is usable offline; the engine reports {@link Kms}
 * and {@link Secret} as "not available offline" instead of failing obscurely.
 */
public sealed interface KeySource {
  /** One or more PEM public keys, as written in {@code publicKeys}. */
  record Pem(String pem) implements KeySource {}

  /**
   * A KMS URI ({@code awskms://}, {@code gcpkms://}, {@code azurekms://}, {@code hashivault://}).
   */
  record Kms(String uri, Provider provider) implements KeySource {
    public enum Provider {
      AWS,
      GCP,
      AZURE,
      HASHICORP_VAULT
    }
  }

  /** A Kubernetes Secret ({@code k8s://namespace/name} or {@code secret: {namespace, name}}). */
  record Secret(String namespace, String name) implements KeySource {}

  /** Still holds {@code {{ }}} variables; resolved per request by {@link PolicyMatcher}. */
  record Unresolved(String text) implements KeySource {}
}
