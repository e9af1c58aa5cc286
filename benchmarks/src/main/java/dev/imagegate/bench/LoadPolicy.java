package dev.imagegate.bench;

import dev.imagegate.trust.Pem;
import java.security.PublicKey;

/**
 * The benchmark policy: every Pod image must carry a cosign signature by the benchmark key
 * (Enforce).
 */
final class LoadPolicy {
  private LoadPolicy() {}

  static String yaml(PublicKey key) {
    String pem =
        Pem.encode("PUBLIC KEY", key.getEncoded()).strip().replace("\n", "\n                ");
    return """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata:
          name: load
        spec:
          validationFailureAction: Enforce
          rules:
            - name: signed
              match:
                any:
                - resources:
                    kinds: [Pod]
              verifyImages:
              - imageReferences: ["*"]
                attestors:
                - entries:
                  - keys:
                      publicKeys: |-
                        %s
                      rekor:
                        ignoreTlog: true
        """
        .formatted(pem);
  }

  /**
   * The same decision as an ImageValidatingPolicy ({@code --policy-kind ivpol}, and the ivpol side
   * of IvpolVsLegacyBenchmark): a cosign key attestor without the transparency log, every Pod
   * container image verified, Deny.
   */
  static String ivpolYaml(PublicKey key) {
    String pem = Pem.encode("PUBLIC KEY", key.getEncoded()).strip().replace("\n", "\n            ");
    return """
        apiVersion: policies.kyverno.io/v1
        kind: ImageValidatingPolicy
        metadata:
          name: load
        spec:
          validationActions: [Deny]
          matchConstraints:
            resourceRules:
            - apiGroups: [""]
              apiVersions: [v1]
              operations: [CREATE, UPDATE]
              resources: [pods]
          attestors:
          - name: cosign
            cosign:
              key:
                data: |
                  %s
              ctlog:
                insecureIgnoreTlog: true
          validations:
          - expression: >-
              images.containers.map(i, verifyImageSignatures(i, [attestors.cosign])).all(e, e > 0)
            message: failed the image signature verification
        """
        .formatted(pem);
  }
}
