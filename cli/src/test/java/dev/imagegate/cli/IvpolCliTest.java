package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ImageValidatingPolicies through apply and lint (no registry needed: digest and tag checks). */
class IvpolCliTest {
  private static final String DIR = "src/test/resources/ivpol/";

  @Test
  void applyPrintsOneLinePerResourceAndPolicyAndExitsOneOnDeny() {
    CliRunner.Run r =
        CliRunner.run(
            "apply", "--policy", DIR + "digest-policy.yaml", "--resource", DIR + "pods.yaml");
    assertThat(r.out())
        .contains(
            "FAIL: require-digest/ImageValidatingPolicy Pod/default/tagged: image"
                + " registry.invalid/app:latest does not have a digest")
        .contains("PASS: require-digest/ImageValidatingPolicy Pod/default/pinned")
        .contains(
            "WARN: warn-latest/ImageValidatingPolicy Pod/default/tagged: latest tag in tagged")
        .contains("pass: 2, fail: 1, warn: 1, error: 0, skip: 0");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void explainShowsEachValidationValue() {
    CliRunner.Run r =
        CliRunner.run(
            "apply",
            "--explain",
            "--policy",
            DIR + "digest-policy.yaml",
            "--resource",
            DIR + "pods.yaml");
    assertThat(r.out())
        .contains("rule warn-latest/ImageValidatingPolicy: WARN")
        .contains("images: registry.invalid/app:latest")
        .contains("validations[0] = false")
        .contains("validations[0] = true");
  }

  @Test
  void lintReportsCelErrorsWithLocation() {
    CliRunner.Run r = CliRunner.run("lint", "--policy", DIR + "bad-cel.yaml");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).contains("bad-cel.yaml:14:").contains("unknown variable name");
  }

  @Test
  void unsupportedPolicyKindsExitTwo() {
    CliRunner.Run lint = CliRunner.run("lint", "--policy", DIR + "unsupported.yaml");
    assertThat(lint.exitCode()).isEqualTo(2);
    assertThat(lint.out()).contains("MutatingPolicy (policies.kyverno.io/v1) is not supported");
    CliRunner.Run apply =
        CliRunner.run(
            "apply", "--policy", DIR + "unsupported.yaml", "--resource", DIR + "pods.yaml");
    assertThat(apply.exitCode()).isEqualTo(2);
    assertThat(apply.err()).contains("is not supported by imagegate");
  }

  @Test
  void lintAcceptsValidPolicies() {
    CliRunner.Run r = CliRunner.run("lint", "--policy", DIR + "digest-policy.yaml");
    assertThat(r.exitCode()).as(r.out()).isEqualTo(0);
  }

  @Test
  void jsonPayloadsAreEvaluatedByJsonModePolicies() {
    CliRunner.Run r =
        CliRunner.run(
            "apply",
            "--policy",
            DIR + "json-policy.yaml",
            "--policy",
            DIR + "digest-policy.yaml",
            "--json",
            DIR + "payload-pass.json",
            "--json",
            DIR + "payload-fail.json");
    // Only the JSON-mode policy applies to payloads; the Pod policies see none of them.
    assertThat(r.out())
        .contains("PASS: json-images/ImageValidatingPolicy JSON/payload-pass.json")
        .contains(
            "FAIL: json-images/ImageValidatingPolicy JSON/payload-fail.json: latest tag in payload"
                + " fail")
        .contains("pass: 1, fail: 1, warn: 0, error: 0, skip: 0");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    // ...and a JSON-mode policy never applies to Kubernetes resources.
    CliRunner.Run k =
        CliRunner.run(
            "apply", "--policy", DIR + "json-policy.yaml", "--resource", DIR + "pods.yaml");
    assertThat(k.out()).contains("pass: 0, fail: 0, warn: 0, error: 0, skip: 0");
    assertThat(k.exitCode()).isZero();
    CliRunner.Run none = CliRunner.run("apply", "--policy", DIR + "json-policy.yaml");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("give --resource or --json");
  }

  @Test
  void resourceGetAndListReadTheResourceFiles() {
    CliRunner.Run r =
        CliRunner.run(
            "apply",
            "--policy",
            DIR + "resource-policy.yaml",
            "--resource",
            DIR + "resource-pods.yaml");
    assertThat(r.out())
        .contains("PASS: allowed-registry/ImageValidatingPolicy Pod/default/good")
        .contains(
            "FAIL: allowed-registry/ImageValidatingPolicy Pod/default/bad: registry not allowed:"
                + " bad");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void auditFailuresAreFailuresInPolicyReportsAsKyvernoWritesThem() throws Exception {
    CliRunner.Run r =
        CliRunner.run(
            "apply",
            "--policy-report",
            "--output",
            "json",
            "--policy",
            DIR + "resource-policy.yaml",
            "--resource",
            DIR + "resource-pods.yaml");
    var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    var reports = doc.path("policyReports");
    assertThat(reports).hasSize(2);
    var bad = reports.get(1);
    assertThat(bad.path("scope").path("name").asText()).isEqualTo("bad");
    // one Enforce failure and one Audit failure: both "fail" in the report (kyverno apply
    // --policy-report without --audit-warn); only the answer and the summary line say warn.
    assertThat(bad.path("summary").path("fail").asInt()).isEqualTo(2);
    assertThat(bad.path("summary").path("warn").asInt()).isEqualTo(0);
    var audit = bad.path("results").get(1);
    assertThat(audit.path("policy").asText()).isEqualTo("audit-registry");
    assertThat(audit.path("rule").asText()).isEqualTo("ImageValidatingPolicy");
    assertThat(audit.path("result").asText()).isEqualTo("fail");
    assertThat(audit.path("message").asText()).isEqualTo("not from registry.invalid");
    assertThat(audit.path("source").asText()).isEqualTo("imagegate");
    // The matched images, not the --explain steps, are the result's properties.
    assertThat(audit.path("properties").path("image.0").asText()).isEqualTo("other.invalid/app:v1");
    // The policy's audit annotations are properties too, as Kyverno's reports carry them.
    assertThat(audit.path("properties").path("first-image").asText())
        .isEqualTo("other.invalid/app:v1");
    assertThat(audit.path("properties").size()).isEqualTo(2);
    var good = reports.get(0);
    assertThat(good.path("summary").path("pass").asInt()).isEqualTo(2);
  }

  @Test
  void anObjectWithMoreImagesThanTheBoundIsAnErrorNotAPartialCheck(@TempDir Path dir)
      throws Exception {
    StringBuilder pod =
        new StringBuilder(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: huge, namespace: default}\n"
                + "spec:\n  containers:\n");
    String digest = "@sha256:" + "a".repeat(64);
    for (int i = 0; i <= 10_000; i++) {
      pod.append("  - {name: c")
          .append(i)
          .append(", image: 'registry.invalid/app")
          .append(digest)
          .append("'}\n");
    }
    Path resource = Files.writeString(dir.resolve("huge.yaml"), pod);
    CliRunner.Run r =
        CliRunner.run(
            "apply", "--policy", DIR + "digest-policy.yaml", "--resource", resource.toString());
    assertThat(r.out())
        .contains(
            "ERROR: require-digest/ImageValidatingPolicy Pod/default/huge: failed to extract images:"
                + " more than 10000 images in the object; imagegate verifies at most 10000");
    assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
  }
}
