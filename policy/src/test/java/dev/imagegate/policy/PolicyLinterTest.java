package dev.imagegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyLinterTest {
  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      `type: Cosign`   | `attestors: [{count: 2, entries: [{keys: {publicKeys: "-----BEGIN PUBLIC KEY-----\\nx\\n-----END PUBLIC KEY-----"}}]}]` | ERROR: count 2 is larger than the 1 entries
      `type: Cosign`   | `attestors: [{entries: [{keys: {publicKeys: "not a key"}}]}]`                  | ERROR: keys.publicKeys is not PEM
      `type: Cosign`   | `attestors: [{entries: [{certificates: {cert: "-----BEGIN CERTIFICATE-----\\nx"}}]}]` | ERROR: certificates.cert is not PEM
      `type: Notary`   | `attestors: [{entries: [{keyless: {subject: "a", issuer: "b"}}]}]`             | ERROR: Notary verification uses certificates, not keyless
      `type: Notary`   | `attestors: [{entries: [{keys: {publicKeys: "-----BEGIN PUBLIC KEY-----\\nx\\n-----END PUBLIC KEY-----"}}]}]` | ERROR: Notary verification uses certificates, not keys
      `type: Cosign`   | `attestations: [{type: "https://slsa.dev/provenance/v0.2"}]`                  | ERROR: attestation 'https://slsa.dev/provenance/v0.2' has no attestors
      `type: Cosign`   | `attestors: [{entries: []}]`                                                   | ERROR: attestor set has no entries
      `type: Cosign`   | `attestors: [{entries: [{keys: {kms: "awskms:///arn:aws:kms:us-east-1:1:key/x"}}]}]` | WARNING: KMS key awskms:///arn:aws:kms:us-east-1:1:key/x is not available offline
      `type: Cosign`   | `attestors: [{entries: [{keys: {publicKeys: "k8s://kyverno/cosign-key"}}]}]`   | WARNING: Secret key k8s://kyverno/cosign-key is not available offline
      `type: Cosign`   | `attestors: [{entries: [{keys: {secret: {namespace: ns, name: key}}}]}]`       | WARNING: Secret key k8s://ns/key is not available offline
      `type: Cosign`   | `attestors: [{entries: [{keyless: {issuer: "https://accounts.google.com"}}]}]` | WARNING: keyless without subject or subjectRegExp accepts any signer identity
      `type: Cosign`   | `{failureAction: Audit, attestors: [{entries: [{keyless: {subject: a, issuer: b}}]}]}` | WARNING: mutateDigest is true with failure action Audit
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
    Policy p = PolicyLoader.parse(text, "lint.yaml").policies().get(0);
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
