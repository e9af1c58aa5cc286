package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.ivpol.convert.Conversion;
import dev.imagegate.ivpol.convert.ConvertedPolicy;
import dev.imagegate.ivpol.convert.PolicyConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code imagegate convert}: output modes, gap reports, --strict and the exit codes. */
class ConvertCommandTest {
  private static final String KEY =
      "-----BEGIN PUBLIC KEY-----\\n"
          + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE8nXRh950IZbRj8Ra/N9sbqOPZrfM\\n"
          + "5/KAQN0/KjHcorm/J5yctVd7iEcnessRQjU917hmKO6JWVGHpDguIyakZA==\\n"
          + "-----END PUBLIC KEY-----";
  private static Path dir;
  private static Path clean;
  private static Path gap;

  @BeforeAll
  static void policies() throws IOException {
    dir = Files.createTempDirectory("convert-cli");
    String policy =
        "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: NAME\nspec:\n"
            + "  validationFailureAction: Enforce\n  rules:\n  - name: r\n    match:\n"
            + "      any:\n      - resources:\n          kinds: [Pod]\nCONTEXT"
            + "    verifyImages:\n    - imageReferences: ['registry.test/*']\n"
            + "      attestors:\n      - entries:\n        - keys: {publicKeys: \""
            + KEY
            + "\", rekor: {ignoreTlog: true}}\n";
    clean = dir.resolve("clean.yaml");
    Files.writeString(clean, policy.replace("NAME", "clean").replace("CONTEXT", ""));
    gap = dir.resolve("gap.yaml");
    Files.writeString(
        gap,
        policy
            .replace("NAME", "with-gap")
            .replace(
                "CONTEXT",
                "    context:\n    - name: data\n      apiCall:\n        urlPath: /api/v1/x\n"));
  }

  @Test
  void writesAStreamToStdoutByDefault() {
    CliRunner.Run r = CliRunner.run("convert", "--policy", clean.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("---\n# Converted by imagegate convert from ClusterPolicy clean")
        .contains("kind: ImageValidatingPolicy")
        .contains("verifyImageSignatures(image, [attestors.key]) > 0");
    assertThat(r.err()).contains("convert: 1 legacy policies -> 1 ImageValidatingPolicies, 0 gaps");
  }

  @Test
  void writesOneFilePerPolicyIntoADirectory() throws IOException {
    Path out = dir.resolve("out");
    CliRunner.Run r =
        CliRunner.run(
            "convert",
            "--policy",
            clean.toString(),
            "--policy",
            gap.toString(),
            "-o",
            out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out.resolve("clean.yaml")).exists();
    assertThat(Files.readString(out.resolve("with-gap.yaml")))
        .contains("# TODO(imagegate convert): context data (apiCall)");
    assertThat(r.out()).isEmpty();
    // the written files are ImageValidatingPolicies imagegate lints clean
    CliRunner.Run lint = CliRunner.run("lint", "--policy", out.toString());
    assertThat(lint.exitCode()).as(lint.out()).isZero();
  }

  @Test
  void gapsAreReportedPerRuleAndFailUnderStrict() {
    CliRunner.Run r = CliRunner.run("convert", "--policy", gap.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.err())
        .contains("gap: ")
        .contains("with-gap/r: context data (apiCall) has no ivpol equivalent")
        .contains("1 gap (TODO(imagegate convert) comments in the output)");
    CliRunner.Run strict = CliRunner.run("convert", "--strict", "--policy", gap.toString());
    assertThat(strict.exitCode()).isEqualTo(1);
    CliRunner.Run cleanStrict = CliRunner.run("convert", "--strict", "--policy", clean.toString());
    assertThat(cleanStrict.exitCode()).isZero();
  }

  @Test
  void usageAndPolicyErrorsExitTwo() throws IOException {
    assertThat(
            CliRunner.run("convert", "--policy", dir.resolve("missing.yaml").toString()).exitCode())
        .isEqualTo(2);
    assertThat(CliRunner.run("convert", "--check", "--policy", clean.toString()).exitCode())
        .isEqualTo(2);
    assertThat(
            CliRunner.run("convert", "--policy", clean.toString(), "--resource", clean.toString())
                .exitCode())
        .isEqualTo(2);
    Path pod = dir.resolve("pod.yaml");
    Files.writeString(pod, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n");
    CliRunner.Run none = CliRunner.run("convert", "--policy", pod.toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("no ClusterPolicy or Policy with verifyImages rules");
    Path invalid = dir.resolve("invalid.yaml");
    Files.writeString(invalid, "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: [\n");
    assertThat(CliRunner.run("convert", "--policy", invalid.toString()).exitCode()).isEqualTo(2);
    // a hand-edited conversion that does not load is the user's error, not the converter's
    Path badIvpol = dir.resolve("bad-ivpol.yaml");
    Files.writeString(
        badIvpol,
        "apiVersion: policies.kyverno.io/v9\nkind: ImageValidatingPolicy\nmetadata:\n  name: x\n");
    CliRunner.Run converted =
        CliRunner.run(
            "convert",
            "--check",
            "--policy",
            clean.toString(),
            "--converted",
            badIvpol.toString(),
            "--resource",
            pod.toString());
    assertThat(converted.exitCode()).as(converted.err()).isEqualTo(2);
    assertThat(converted.err()).contains("policy error:");
  }

  @Test
  void aConvertedDocumentThatDoesNotLoadBackIsAConverterBugExitThree() {
    ConvertCommand command = new ConvertCommand();
    // a converter bug: documents written with an ImageValidatingPolicy version nobody knows
    command.converter =
        p -> {
          Conversion c = PolicyConverter.convert(p);
          return new Conversion(
              c.source(),
              c.policies().stream()
                  .map(
                      d ->
                          new ConvertedPolicy(
                              d.name(),
                              d.rule(),
                              d.yaml().replace("policies.kyverno.io/v1", "policies.kyverno.io/v9")))
                  .toList(),
              c.gaps());
        };
    for (String[] args :
        List.of(
            new String[] {"convert", "--policy", clean.toString()},
            new String[] {
              "convert", "--policy", clean.toString(), "-o", dir.resolve("bug").toString()
            },
            new String[] {
              "convert", "--check", "--policy", clean.toString(), "--resource", clean.toString()
            })) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = Main.root();
      cli.addSubcommand("convert", Main.model(command));
      int code =
          Main.configure(cli)
              .setOut(new PrintWriter(out, true))
              .setErr(new PrintWriter(err, true))
              .execute(args);
      assertThat(code).as(err.toString()).isEqualTo(3);
      assertThat(err.toString())
          .contains("internal error (please report)")
          .contains("converted policy not loadable");
      // nothing half-converted is written
      assertThat(out.toString()).isEmpty();
      assertThat(dir.resolve("bug")).doesNotExist();
    }
  }
}
