package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests of {@code imagegate apply}: the seeds' policies (registry host and keys swapped for
 * the local ones) over resources whose images were signed by the real cosign. Each scenario's
 * {@code expected.txt} lists {@code status policy/rule resource [message fragment]}; the results
 * must be exactly those.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplyScenarioTest {
  @RegisterExtension static final ApplyScenarios scenarios = new ApplyScenarios("apply-scenarios");

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.imagegate.cli.ApplyScenarios#names")
  void resultsAreExactlyTheExpectedOnes(String scenario) throws IOException {
    CliRunner.Run run =
        CliRunner.run(scenarios.commandLine(List.of("apply"), scenario, "--output", "json"));
    assertThat(run.err()).doesNotContain("Exception");
    JsonNode doc = JsonOutput.JSON.readTree(run.out());
    List<String> got = new ArrayList<>();
    for (JsonNode r : doc.get("results")) {
      got.add(
          r.get("status").asText()
              + " "
              + r.get("policy").asText()
              + "/"
              + r.get("rule").asText()
              + " "
              + r.get("resource").asText());
    }
    List<String> expected = Files.readAllLines(ApplyScenarios.source(scenario, "expected.txt"));
    assertThat(got)
        .as(run.out())
        .containsExactlyInAnyOrderElementsOf(
            expected.stream()
                .map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3)))
                .toList());
    for (String line : expected) {
      String[] f = line.split(" ", 4);
      if (f.length == 4) {
        JsonNode r = find(doc, f[1], f[2]);
        assertThat(r.get("message").asText()).as(line).contains(f[3]);
      }
    }
    boolean enforcedFailure =
        expected.stream().anyMatch(l -> l.startsWith("fail ") || l.startsWith("error "));
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(enforcedFailure ? 1 : 0);
  }

  private static JsonNode find(JsonNode doc, String policyRule, String resource) {
    for (JsonNode r : doc.get("results")) {
      if ((r.get("policy").asText() + "/" + r.get("rule").asText()).equals(policyRule)
          && r.get("resource").asText().equals(resource)) {
        return r;
      }
    }
    throw new AssertionError("no result for " + policyRule + " " + resource);
  }

  @Test
  void verifyWithAPolicyTreatsEachImageAsAPodInDefault() throws IOException {
    String policy = scenarios.render("dual-signatures", "policy.yaml").toString();
    String host = scenarios.host();
    CliRunner.Run both =
        CliRunner.run(
            "verify", "--policy", policy, "--insecure-registry", host, host + "/app:two-signers");
    assertThat(both.exitCode()).as(both.out() + both.err()).isZero();
    assertThat(both.out())
        .contains("VERIFIED " + host + "/app:two-signers")
        .contains("verified: 1, not verified: 0");
    CliRunner.Run one =
        CliRunner.run(
            "verify",
            "--policy",
            policy,
            "--insecure-registry",
            host,
            "--output",
            "json",
            host + "/app:two-signers",
            host + "/app:v2-signed");
    assertThat(one.exitCode()).isEqualTo(1);
    JsonNode json = JsonOutput.JSON.readTree(one.out());
    assertThat(json.get(0).get("verified").asBoolean()).isTrue();
    assertThat(json.get(0).get("digest").asText()).startsWith("sha256:");
    assertThat(json.get(1).get("verified").asBoolean()).isFalse();
    assertThat(json.get(1).get("reason").asText()).contains("signature by another key");
  }

  @Test
  void lintReportsPolicyErrorsWithTheirLocation() throws IOException {
    Path bad = scenarios.work().resolve("bad.yaml");
    Files.writeString(
        bad,
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata:
          name: bad
        spec:
          rules:
            - name: r
              match:
                any:
                - resources:
                    kinds: [Pod]
              verifyImages:
              - imageReferences: ["*"]
                type: Cosignn
        """);
    CliRunner.Run run = CliRunner.run("lint", "--policy", bad.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).contains(bad + ":14:").contains("Cosignn");
    CliRunner.Run good =
        CliRunner.run(
            "lint", "--policy", scenarios.render("environments", "policy.yaml").toString());
    assertThat(good.exitCode()).as(good.out()).isZero();
    assertThat(good.out()).contains("policies are valid");
  }

  @Test
  void textOutputHasALinePerResultAndTheSummary() throws IOException {
    CliRunner.Run run =
        CliRunner.run(
            "apply",
            "--policy",
            scenarios.render("environments", "policy.yaml").toString(),
            "--resource",
            scenarios.render("environments", "resources.yaml").toString(),
            "--insecure-registry",
            scenarios.host(),
            "--print-mutated",
            "--explain");
    assertThat(run.out())
        .contains(
            "PASS: environment-specific-verification/production-must-be-signed Pod/production/signed")
        .contains(
            "FAIL: environment-specific-verification/production-must-be-signed Pod/production/unsigned")
        .contains("pass: 2, fail: 1, warn: 1, error: 0, skip: 0")
        .contains("image: \"" + scenarios.host() + "/app:v2-signed@sha256:")
        .contains("kyverno.io/verify-images")
        .contains("decision for Pod/production/unsigned: denied")
        .contains(
            "rule environment-specific-verification/production-must-be-signed: FAIL (Enforce)")
        .contains("timings: ");
    assertThat(run.exitCode()).isEqualTo(1);
  }
}
