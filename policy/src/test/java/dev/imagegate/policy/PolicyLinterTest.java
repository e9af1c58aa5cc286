package dev.imagegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * imagegate's own lint findings (beyond Kyverno's admission validation, which {@link
 * PolicyValidationTest} covers): every row is a policy Kyverno v1.19 accepts.
 */
class PolicyLinterTest {
  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      `type: Cosign`   | `attestors: [{entries: [{keys: {publicKeys: "not a key"}}]}]`                  | ERROR: keys.publicKeys is not PEM
      `type: Cosign`   | `attestors: [{entries: [{certificates: {cert: "-----BEGIN CERTIFICATE-----\\nx"}}]}]` | ERROR: certificates.cert is not PEM
      `type: Cosign`   | `attestations: [{type: "https://slsa.dev/provenance/v0.2"}]`                  | WARNING: attestation 'https://slsa.dev/provenance/v0.2' has no attestors: Kyverno accepts it signed keyless by any identity
      `type: Cosign`   | `attestors: [{entries: [{keys: {kms: "awskms:///arn:aws:kms:us-east-1:1:key/x"}}]}]` | WARNING: KMS key awskms:///arn:aws:kms:us-east-1:1:key/x is not available offline
      `type: Cosign`   | `attestors: [{entries: [{keys: {publicKeys: "k8s://kyverno/cosign-key"}}]}]`   | WARNING: Secret key k8s://kyverno/cosign-key is not available offline
      `type: Cosign`   | `attestors: [{entries: [{keys: {secret: {namespace: ns, name: key}}}]}]`       | WARNING: Secret key k8s://ns/key is not available offline
      `type: Cosign`   | `attestors: [{entries: [{keyless: {issuer: "https://accounts.google.com", rekor: {url: "https://rekor.sigstore.dev"}}}]}]` | WARNING: keyless without subject or subjectRegExp accepts any signer identity
      """)
  void findings(String type, String body, String expected) {
    String verify =
        "{imageReferences: [\"*\"], "
            + type
            + ", "
            + (body.startsWith("{") ? body.substring(1, body.length() - 1) : body)
            + "}";
    String text =
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: lint}
        spec:
          validationFailureAction: Enforce
          rules:
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            verifyImages: [%s]
        """
            .formatted(verify);
    LoadResult loaded = PolicyLoader.parse(text, "lint.yaml");
    assertThat(loaded.rejected()).as("Kyverno accepts the policy").isEmpty();
    Policy p = loaded.policies().get(0);
    List<LintFinding> findings = PolicyLinter.lint(p);
    String severity = expected.substring(0, expected.indexOf(':'));
    String message = expected.substring(expected.indexOf(':') + 2);
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.severity().name()).isEqualTo(severity);
              assertThat(f.message()).startsWith("rule 'r': verifyImages[0]: ").contains(message);
            });
    assertThat(findings).allSatisfy(f -> assertThat(f.location().file()).isEqualTo("lint.yaml"));
  }
}
