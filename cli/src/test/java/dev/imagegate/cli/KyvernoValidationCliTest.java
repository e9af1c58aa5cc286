package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy Kyverno v1.19 refuses (pkg/validation/policy/validate.go) is an error in lint, listed as
 * invalid and skipped by apply, and stops verify --policy; no registry is contacted.
 */
class KyvernoValidationCliTest {
  static final String MESSAGE =
      "spec.rules[0].verifyImages[0].mutateDigest: mutateDigest must be set to false for"
          + " \u2018Audit\u2019 failure action";
  @TempDir Path work;

  private Path write(String name, String text) throws Exception {
    Path p = work.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private Path invalid() throws Exception {
    return write(
        "audit.yaml",
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: audit-with-pin}
        spec:
          rules:
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            verifyImages: [{imageReferences: ["*"], attestors: [{entries: [{keyless: {subject: a, issuer: b, rekor: {url: "https://rekor.sigstore.dev"}}}]}]}]
        """);
  }

  @Test
  void lintReportsKyvernosError() throws Exception {
    CliRunner.Run run = CliRunner.run("lint", "--policy", invalid().toString());
    assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
    assertThat(run.out())
        .contains(
            "error: "
                + work.resolve("audit.yaml")
                + ":1:1: ClusterPolicy audit-with-pin: "
                + MESSAGE)
        .contains("warning: ")
        .contains("ClusterPolicy (kyverno.io) is deprecated");
  }

  @Test
  void applyListsTheInvalidPolicyAndAppliesTheOthers() throws Exception {
    Path valid =
        write(
            "digests.yaml",
            """
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata: {name: digests}
            spec:
              validationFailureAction: Enforce
              rules:
              - name: r
                match: {any: [{resources: {kinds: [Pod]}}]}
                verifyImages: [{imageReferences: ["*"], mutateDigest: false, required: false}]
            """);
    Path pod =
        write(
            "pod.yaml",
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: team}
            spec: {containers: [{name: app, image: "registry.example/app:v1"}]}
            """);
    CliRunner.Run run =
        CliRunner.run(
            "apply",
            "--policy",
            invalid().toString(),
            "--policy",
            valid.toString(),
            "--resource",
            pod.toString());
    assertThat(run.err())
        .contains("Error: invalid policy ClusterPolicy audit-with-pin: " + MESSAGE + " (skipped)");
    // validate_image.go: the valid policy ran and found a tag image.
    assertThat(run.out()).contains("missing digest for registry.example/app:v1");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void applyWithOnlyInvalidPoliciesIsAUsageError() throws Exception {
    Path pod = write("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {}\n");
    CliRunner.Run run =
        CliRunner.run("apply", "--policy", invalid().toString(), "--resource", pod.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no valid ClusterPolicy or Policy");
  }
}
