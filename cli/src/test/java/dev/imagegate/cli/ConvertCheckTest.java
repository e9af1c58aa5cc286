package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
  private static final Path SCENARIOS = Path.of("src/test/resources/apply");
  private SignedFixtures fixtures;
  private Path work;

  @BeforeAll
  void setUp() throws IOException {
    Prerequisites.peers();
    fixtures = SignedFixtures.create(Peers.installed());
    work = Files.createTempDirectory("convert-check");
  }

  @AfterAll
  void tearDown() {
    if (fixtures != null) {
      fixtures.close();
    }
  }

  Stream<String> scenarios() throws IOException {
    try (var dirs = Files.list(SCENARIOS)) {
      return dirs.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  private Path render(String scenario, String file) throws IOException {
    Path out = work.resolve(scenario + "-" + file);
    Files.writeString(
        out, fixtures.render(Files.readString(SCENARIOS.resolve(scenario).resolve(file))));
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void conversionDecidesTheSame(String scenario) throws IOException {
    CliRunner.Run run =
        CliRunner.run(
            "convert",
            "--check",
            "--policy",
            render(scenario, "policy.yaml").toString(),
            "--resource",
            render(scenario, "resources.yaml").toString(),
            "--insecure-registry",
            fixtures.registry.host());
    assertThat(run.out())
        .as(run.err())
        .containsPattern("convert --check: \\d+ resources, \\d+ images, no differences");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
  }

  @Test
  void aDifferentConversionIsReported() throws IOException {
    Path policy = render("dual-signatures", "policy.yaml");
    Path resources = render("dual-signatures", "resources.yaml");
    CliRunner.Run conv = CliRunner.run("convert", "--policy", policy.toString());
    assertThat(conv.exitCode()).isZero();
    // weaken the conversion: the development team's signature becomes optional
    String weakened = conv.out().replace("[attestors.key2]) > 0", "[attestors.key2]) >= 0");
    assertThat(weakened).isNotEqualTo(conv.out());
    Path edited = work.resolve("weakened.yaml");
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
            fixtures.registry.host());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("DIFF Pod/default/security-only:")
        .contains("decision: legacy deny, converted allow")
        .contains("1 difference");
  }
}
