package dev.imagegate.testkit;

/**
 * Parts of the {@code policies.kyverno.io} ImageValidatingPolicies the tests write: the frame that
 * matches Pods, and a cosign key attestor. Kept byte for byte as the tests wrote them, since lint
 * findings name the line of an expression.
 */
public final class IvpolYaml {
  private IvpolYaml() {}

  /**
   * An ImageValidatingPolicy {@code name} matching Pods on {@code operations} (e.g. {@code "CREATE,
   * UPDATE"}), followed by {@code spec}: more of the spec, indented two spaces (trailing line
   * breaks dropped). The {@code matchConstraints} end on line 11.
   */
  public static String forPods(String name, String operations, String spec) {
    return """
        apiVersion: policies.kyverno.io/v1
        kind: ImageValidatingPolicy
        metadata:
          name: %s
        spec:
          matchConstraints:
            resourceRules:
            - apiGroups: [""]
              apiVersions: [v1]
              operations: [%s]
              resources: [pods]
        %s
        """
        .formatted(name, operations, spec.stripTrailing());
  }

  /**
   * The spec's {@code attestors}: one cosign attestor named {@code cosign} with the public key
   * {@code publicKeyPem} and no transparency log (signatures made with {@link CosignKeyPair}).
   */
  public static String cosignKeyAttestor(String publicKeyPem) {
    return """
          attestors:
          - name: cosign
            cosign:
              key:
                data: |
        %s
              ctlog:
                insecureIgnoreTlog: true"""
        .formatted(YamlText.indent(publicKeyPem, 12));
  }
}
