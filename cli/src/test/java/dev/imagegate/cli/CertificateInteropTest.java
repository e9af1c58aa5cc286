package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Images signed by the real cosign v2 and v3 with a CA-issued certificate ({@code fixtures/keyless/make-cert-fixtures.sh}:
 * openssl root, intermediate and Fulcio-shaped leaf) in a real registry: {@code imagegate verify} with
 * {@code --certificate-chain}, {@code --ca-roots}, {@code --certificate}, {@code --trusted-root} and identities must give
 * the expected outcome and agree with cosign itself (right and wrong roots, identities, issuers, SCT).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateInteropTest {
  private static final Peers PEERS = Peers.installed();
  private LocalRegistry registry;
  private Path out;

  record Case(String id, String image, boolean pass, List<String> imagegateArgs, String cosign, List<String> cosignArgs) {}

  @BeforeAll
  void signImages() throws IOException {
    assumeTrue(PEERS.available(), "peers not installed (bin/peers)");
    registry = LocalRegistry.start(PEERS);
    out = Files.createTempDirectory("cert-fixtures");
    Path script = Path.of(System.getProperty("imagegate.root", "..")).resolve("fixtures/keyless/make-cert-fixtures.sh");
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), registry.host(), out.toString())
        .redirectErrorStream(true).redirectOutput(out.resolve("make-cert-fixtures.log").toFile());
    pb.environment().put("PATH", PEERS.binary("cosign").getParent() + ":" + System.getenv("PATH"));
    try {
      int code = pb.start().waitFor();
      assertThat(code).as("make-cert-fixtures.sh: " + Files.readString(out.resolve("make-cert-fixtures.log"))).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  Stream<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("cases.tsv"))) {
      String[] f = line.split("\t", -1);
      Case c = new Case(f[0], f[1], f[2].equals("pass"), List.of(f[3].split(";")), f[4],
          f[5].isEmpty() ? List.of() : List.of(f[5].split(";")));
      cases.add(Arguments.of(c.id(), c));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void agreesWithCosign(String id, Case c) {
    List<String> args = new ArrayList<>(List.of("verify", "--insecure-registry", registry.host()));
    args.addAll(c.imagegateArgs());
    args.add(c.image());
    CliRunner.Run ours = CliRunner.run(args.toArray(String[]::new));
    assertThat(ours.exitCode()).as(id + " imagegate output:\n" + ours.out() + ours.err()).isEqualTo(c.pass() ? 0 : 1);
    if (!c.cosign().equals("none")) {
      boolean cosignPassed = runCosign(c) == 0;
      assertThat(cosignPassed).as(id + ": cosign disagrees with the expectation").isEqualTo(c.pass());
    }
  }

  @ParameterizedTest(name = "{0} (json)")
  @MethodSource("cases")
  void jsonOutputNamesTheOutcome(String id, Case c) throws IOException {
    List<String> args = new ArrayList<>(List.of("verify", "--output", "json", "--insecure-registry", registry.host()));
    args.addAll(c.imagegateArgs());
    args.add(c.image());
    CliRunner.Run ours = CliRunner.run(args.toArray(String[]::new));
    var json = ResultPrinter.JSON.readTree(ours.out());
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
    return PEERS.run(out, env, c.cosign(), args.toArray(String[]::new)).exitCode();
  }
}
