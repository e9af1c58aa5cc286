package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cases written by a fixture script that signs images with the real cosign into a real registry
 * ({@code cases.tsv}: id, image, pass|fail, imagegate args, cosign binary, cosign args; args
 * ;-separated): {@code imagegate verify} must give the expected outcome, in text and JSON, and
 * cosign must agree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CosignCasesTest {
  private static final Peers PEERS = Peers.installed();
  private SignedFixtures fixtures;

  /** The fixture script, relative to the repository root. */
  abstract String fixtureScript();

  record Case(
      String id,
      String image,
      boolean pass,
      List<String> imagegateArgs,
      String cosign,
      List<String> cosignArgs) {}

  @BeforeAll
  void signImages() throws IOException {
    Prerequisites.peers();
    fixtures = SignedFixtures.create(PEERS, fixtureScript());
  }

  @AfterAll
  void stop() {
    if (fixtures != null) {
      fixtures.close();
    }
  }

  Stream<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (String line : Files.readAllLines(fixtures.dir.resolve("cases.tsv"))) {
      String[] f = line.split("\t", -1);
      Case c =
          new Case(
              f[0],
              f[1],
              f[2].equals("pass"),
              List.of(f[3].split(";")),
              f[4],
              f[5].isEmpty() ? List.of() : List.of(f[5].split(";")));
      cases.add(Arguments.of(c.id(), c));
    }
    return cases.stream();
  }

  private CliRunner.Run imagegate(Case c, String... extra) {
    List<String> args = new ArrayList<>(List.of("verify"));
    args.addAll(List.of(extra));
    args.addAll(List.of("--insecure-registry", fixtures.registry.host()));
    args.addAll(c.imagegateArgs());
    args.add(c.image());
    return CliRunner.run(args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void agreesWithCosign(String id, Case c) {
    CliRunner.Run ours = imagegate(c);
    assertThat(ours.exitCode())
        .as(id + " imagegate output:\n" + ours.out() + ours.err())
        .isEqualTo(c.pass() ? 0 : 1);
    if (!c.cosign().equals("none")) {
      boolean cosignPassed = runCosign(c) == 0;
      assertThat(cosignPassed)
          .as(id + ": cosign disagrees with the expectation")
          .isEqualTo(c.pass());
    }
  }

  @ParameterizedTest(name = "{0} (json)")
  @MethodSource("cases")
  void jsonOutputNamesTheOutcome(String id, Case c) throws IOException {
    CliRunner.Run ours = imagegate(c, "--output", "json");
    var json = JsonOutput.JSON.readTree(ours.out());
    assertThat(json.isArray()).isTrue();
    assertThat(json.get(0).get("verified").asBoolean()).as(ours.out()).isEqualTo(c.pass());
    assertThat(json.get(0).get("digest").asText()).startsWith("sha256:");
    assertThat(json.get(0).get("timings").has("cryptoMs")).isTrue();
    if (!c.pass()) {
      assertThat(json.get(0).get("reason").asText()).isNotBlank();
    }
  }

  private int runCosign(Case c) {
    Map<String, String> env = new HashMap<>();
    env.put("COSIGN_PASSWORD", "");
    List<String> args = new ArrayList<>();
    for (String a : c.cosignArgs()) {
      if (a.startsWith("env:")) {
        String[] kv = a.substring(4).split("=", 2);
        env.put(kv[0], kv[1]);
      } else {
        args.add(a);
      }
    }
    args.add(1, "--allow-insecure-registry");
    args.add(2, "--allow-http-registry");
    args.add(c.image());
    return PEERS.run(fixtures.dir, env, c.cosign(), args.toArray(String[]::new)).exitCode();
  }
}
