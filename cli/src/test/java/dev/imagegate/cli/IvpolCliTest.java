package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
