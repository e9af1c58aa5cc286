package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code convert --check} against images signed by the real cosign in a local registry: every apply
 * scenario (keys, count and two attestor sets, attestations with conditions, failure action
 * overrides per namespace, Enforce and Audit rules, mutateDigest/verifyDigest, keys from a
 * ConfigMap) decides the same before and after conversion; a deliberately different conversion is
 * reported.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConvertCheckTest {
  @RegisterExtension static final ApplyScenarios scenarios = new ApplyScenarios("convert-check");

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.imagegate.cli.ApplyScenarios#names")
  void conversionDecidesTheSame(String scenario) throws IOException {
    CliRunner.Run run =
        CliRunner.run(scenarios.commandLine(List.of("convert", "--check"), scenario));
    assertThat(run.out())
        .as(run.err())
        .containsPattern("convert --check: \\d+ resources, \\d+ images, no differences");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
  }

  @Test
  void aDifferentConversionIsReported() throws IOException {
    Path policy = scenarios.render("dual-signatures", "policy.yaml");
    Path resources = scenarios.render("dual-signatures", "resources.yaml");
    CliRunner.Run conv = CliRunner.run("convert", "--policy", policy.toString());
    assertThat(conv.exitCode()).isZero();
    // weaken the conversion: the development team's signature becomes optional
    String weakened = conv.out().replace("[attestors.key2]) > 0", "[attestors.key2]) >= 0");
    assertThat(weakened).isNotEqualTo(conv.out());
    Path edited = scenarios.work().resolve("weakened.yaml");
    Files.writeString(edited, weakened);
    CliRunner.Run run =
        CliRunner.run(
            "convert",
            "--check",
            "--policy",
            policy.toString(),
            "--converted",
            edited.toString(),
            "--resource",
            resources.toString(),
            "--insecure-registry",
            scenarios.host());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("DIFF Pod/default/security-only:")
        .contains("decision: legacy deny, converted allow")
        .contains("1 difference");
  }
}
