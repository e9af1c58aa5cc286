package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} with Notary trust and {@code inspect} over the notation e2e OCI layouts (no
 * registry needed).
 */
class NotationUsageTest {
  private static final Path E2E = TestData.corpus("notary").resolve("notation-e2e");
  private static final String POLICY = E2E.resolve("trustpolicies/trustpolicy.json").toString();
  private static final String STORE = E2E.resolve("truststores/base").toString();

  private static String layout(String name) {
    return "oci-layout:" + E2E.resolve("oci-layout").resolve(name) + ":v1";
  }

  @Test
  void verifiesAndDeniesLikeNotation() {
    CliRunner.Run ok =
        CliRunner.run(
            "verify",
            "--trust-policy",
            POLICY,
            "--trust-store",
            STORE,
            layout("e2e-valid-signature"));
    assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out())
        .contains("verified with CN=e2e,O=Notary,L=Seattle,ST=WA,C=US (trust policy \"e2e\")");
    CliRunner.Run expired =
        CliRunner.run(
            "verify",
            "--trust-policy",
            POLICY,
            "--trust-store",
            STORE,
            layout("e2e-expired-signature"),
            layout("e2e"));
    assertThat(expired.exitCode()).isEqualTo(1);
    assertThat(expired.out())
        .contains("expiry validation failed: digital signature has expired on")
        .contains("make sure the image was signed successfully")
        .contains("verified: 0, not verified: 2");
  }

  @Test
  void configurationErrorsExitTwo(@TempDir Path dir) throws IOException {
    assertThat(CliRunner.run("verify", "--trust-policy", POLICY, layout("e2e")).err())
        .contains("needs both --trust-policy FILE and --trust-store DIR");
    CliRunner.Run both =
        CliRunner.run(
            "verify",
            "--trust-policy",
            POLICY,
            "--trust-store",
            STORE,
            "--verifier-config",
            POLICY,
            layout("e2e"));
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("--verifier-config cannot be combined");
    CliRunner.Run missingStore =
        CliRunner.run(
            "verify",
            "--trust-policy",
            POLICY,
            "--trust-store",
            dir.resolve("none").toString(),
            layout("e2e"));
    assertThat(missingStore.exitCode()).isEqualTo(2);
    Path kmp = dir.resolve("verifier.yaml");
    Files.writeString(
        kmp,
        """
        apiVersion: config.ratify.deislabs.io/v1beta1
        kind: Verifier
        metadata:
          name: verifier-notation
        spec:
          name: notation
          artifactTypes: application/vnd.cncf.notary.signature
          parameters:
            verificationCertStores:
              ca:
                ca-certs:
                  - gatekeeper-system/kmp-akv-ca
            trustPolicyDoc:
              version: "1.0"
              trustPolicies:
                - name: default
                  registryScopes: ["*"]
                  signatureVerification:
                    level: strict
                  trustStores: ["ca:ca-certs"]
                  trustedIdentities: ["*"]
        """);
    CliRunner.Run ratify =
        CliRunner.run("verify", "--verifier-config", kmp.toString(), layout("e2e-valid-signature"));
    assertThat(ratify.exitCode()).isEqualTo(2);
    assertThat(ratify.err()).contains("gatekeeper-system/kmp-akv-ca").contains("verificationCerts");
  }

  @Test
  void inspectPrintsTheNotationTree() {
    CliRunner.Run run = CliRunner.run("inspect", layout("e2e-valid-signature"));
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("Inspecting all signatures for signed artifact\n")
        .contains("└── application/vnd.cncf.notary.signature\n")
        .contains("        ├── signature algorithm: RSASSA-PSS-SHA-256\n")
        .contains("│       ├── issued to: CN=e2e,O=Notary,L=Seattle,ST=WA,C=US\n")
        .contains(
            "            ├── digest: sha256:b8479de3f88fb259a0a9ea82a5b2a052a1ef3c4ebbcfc61482d5ae4c831f8af9\n");
    CliRunner.Run none = CliRunner.run("inspect", layout("e2e"));
    assertThat(none.out()).contains("has no associated signature");
    CliRunner.Run json = CliRunner.run("inspect", "-o", "json", layout("e2e-valid-signature"));
    assertThat(json.out())
        .contains(
            "\"SHA256Fingerprint\" : \"e38aea13f2b051f7183cca64a51ee676f4d4456f41d9fecf15eb367efc7343b9\"");
  }
}
