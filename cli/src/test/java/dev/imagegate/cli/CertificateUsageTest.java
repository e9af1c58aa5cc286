package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cosign's usage rules for certificate and keyless flags: each mistake exits 2 with cosign's
 * message.
 */
class CertificateUsageTest {
  private static final Path KEY =
      Path.of(System.getProperty("imagegate.root", "..")).resolve("demo/cosign/cosign.pub");

  @TempDir Path dir;

  @Test
  void keylessNeedsAnIdentity() {
    CliRunner.Run r =
        CliRunner.run(
            "verify", "--certificate-oidc-issuer", "https://issuer.example", "example.com/app:v1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "--certificate-identity or --certificate-identity-regexp is required for verification in keyless mode");
  }

  @Test
  void keylessNeedsAnIssuer() {
    CliRunner.Run r =
        CliRunner.run("verify", "--certificate-identity", "a@example.com", "example.com/app:v1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("--certificate-oidc-issuer or --certificate-oidc-issuer-regexp is required");
  }

  @Test
  void keyAndIdentityExcludeEachOther() {
    CliRunner.Run r =
        CliRunner.run(
            "verify",
            "--key",
            KEY.toString(),
            "--certificate-identity",
            "a@example.com",
            "--certificate-oidc-issuer",
            "https://issuer.example",
            "example.com/app:v1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("exactly one of: key reference (--key) or certificate identity");
  }

  @Test
  void caRootsAndChainExcludeEachOther() throws Exception {
    Path pem = Files.writeString(dir.resolve("x.pem"), "x");
    CliRunner.Run r =
        CliRunner.run(
            "verify",
            "--certificate-identity",
            "a@example.com",
            "--certificate-oidc-issuer",
            "https://i",
            "--ca-roots",
            pem.toString(),
            "--certificate-chain",
            pem.toString(),
            "example.com/app:v1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--ca-roots and --certificate-chain cannot be used together");
  }

  @Test
  void badRegexpIsAUsageError() {
    CliRunner.Run r =
        CliRunner.run(
            "verify",
            "--certificate-identity-regexp",
            "(",
            "--certificate-oidc-issuer",
            "https://i",
            "example.com/app:v1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("invalid subjectRegExp");
  }

  @Test
  void unreadableTrustedRootNamesTheFlag() {
    CliRunner.Run r =
        CliRunner.run(
            "verify",
            "--certificate-identity",
            "a@example.com",
            "--certificate-oidc-issuer",
            "https://i",
            "--trusted-root",
            dir.resolve("missing.json").toString(),
            "example.com/app:v1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--trusted-root").contains("cannot read");
  }

  @Test
  void verifyBundleNeedsKeyOrIdentity() throws Exception {
    Path b = Files.writeString(dir.resolve("b.json"), "{}");
    CliRunner.Run r =
        CliRunner.run("verify-bundle", "--bundle", b.toString(), "sha256:" + "0".repeat(64));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--key").contains("--certificate-identity");
  }

  @Test
  void verifyBundleRejectsAnUnknownTarget() throws Exception {
    Path b = Files.writeString(dir.resolve("b.json"), "{}");
    CliRunner.Run r =
        CliRunner.run(
            "verify-bundle", "--bundle", b.toString(), "--key", KEY.toString(), "sha256:abc");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("neither a readable file nor a sha256");
  }

  @Test
  void verifyBundleFailsAMalformedBundleWithExitOne() throws Exception {
    Path b = Files.writeString(dir.resolve("b.json"), "{}");
    CliRunner.Run r =
        CliRunner.run(
            "verify-bundle",
            "--bundle",
            b.toString(),
            "--key",
            KEY.toString(),
            "sha256:" + "0".repeat(64));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("FAILED");
  }
}
