package dev.imagegate.testkit;

import org.jspecify.annotations.Nullable;

/**
 * A Kyverno ClusterPolicy with one verifyImages rule for Pods: images matching {@code
 * imageReferences} must carry a cosign signature by the public key {@code publicKeyPem}, with the
 * transparency log ignored (signatures made with {@link CosignKeyPair}).
 *
 * @param failurePolicy the spec's {@code failurePolicy}, or null for Kyverno's default
 * @param failureAction Enforce or Audit
 * @param mutateDigest the rule's {@code mutateDigest}, or null for Kyverno's default
 */
public record KeySignedPodsPolicy(
    String name,
    String rule,
    String imageReferences,
    String publicKeyPem,
    @Nullable String failurePolicy,
    String failureAction,
    @Nullable Boolean mutateDigest) {

  /** Enforce, with Kyverno's defaults for everything else. */
  public static KeySignedPodsPolicy of(
      String name, String rule, String imageReferences, String publicKeyPem) {
    return new KeySignedPodsPolicy(
        name, rule, imageReferences, publicKeyPem, null, "Enforce", null);
  }

  public KeySignedPodsPolicy withFailurePolicy(String policy) {
    return new KeySignedPodsPolicy(
        name, rule, imageReferences, publicKeyPem, policy, failureAction, mutateDigest);
  }

  public KeySignedPodsPolicy withFailureAction(String action) {
    return new KeySignedPodsPolicy(
        name, rule, imageReferences, publicKeyPem, failurePolicy, action, mutateDigest);
  }

  public KeySignedPodsPolicy withMutateDigest(boolean mutate) {
    return new KeySignedPodsPolicy(
        name, rule, imageReferences, publicKeyPem, failurePolicy, failureAction, mutate);
  }

  /** The policy document. */
  public String yaml() {
    return """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata:
          name: %s
        spec:
        %s  rules:
          - name: %s
            match:
              any:
              - resources: {kinds: [Pod]}
            verifyImages:
            - imageReferences: ["%s"]
              failureAction: %s
        %s      attestors:
              - entries:
                - keys:
                    rekor: {ignoreTlog: true}
                    publicKeys: |-
        %s
        """
        .formatted(
            name,
            failurePolicy == null ? "" : "  failurePolicy: " + failurePolicy + "\n",
            rule,
            imageReferences,
            failureAction,
            mutateDigest == null ? "" : "      mutateDigest: " + mutateDigest + "\n",
            YamlText.indent(publicKeyPem, 16));
  }
}
