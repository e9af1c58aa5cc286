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
}
