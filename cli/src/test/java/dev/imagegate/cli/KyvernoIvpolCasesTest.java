package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.testkit.FixtureScript;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.NotaryFixtureImages;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kyverno's CLI ImageValidatingPolicy cases ({@code test/cli/test-image-validating-policy}, copied
 * under ivpol/src/test/resources/kyverno) through {@code imagegate apply}, with Kyverno's ghcr.io
 * images replaced by images signed by the real notation in a local registry and Kyverno's test
 * certificate by the fixtures' CA; policies otherwise unchanged.
 */
class KyvernoIvpolCasesTest {
  static final Peers PEERS = Peers.installed();
  static final String CERT_START = "            -----BEGIN CERTIFICATE-----";
  @TempDir static Path work;
  static LocalRegistry registry;
  static final Map<String, String> images = new HashMap<>();
  static String ca;
  static Path kyverno;

  @BeforeAll
  static void sign() throws Exception {
    Prerequisites.peers("crane");
    registry = LocalRegistry.start(PEERS);
    kyverno =
        FixtureScript.repositoryRoot()
            .resolve("ivpol/src/test/resources/kyverno/test/cli/test-image-validating-policy");
    NotaryFixtureImages notary =
        NotaryFixtureImages.make(PEERS, registry.host(), work.resolve("notary"));
    images.putAll(notary.images());
    ca = notary.caIndented(12);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  /** Kyverno's file with the registry, the images and the certificate replaced. */
  static Path localized(String relative) throws Exception {
    String text = Files.readString(kyverno.resolve(relative));
    int start = text.indexOf(CERT_START);
    if (start >= 0) {
      String end = "-----END CERTIFICATE-----";
      int stop = text.indexOf(end, start) + end.length();
      text = text.substring(0, start) + ca + text.substring(stop);
    }
    text =
        text.replace("ghcr.io/kyverno/test-verify-image:signed", images.get("signed"))
            .replace("ghcr.io/kyverno/test-verify-image:unsigned", images.get("unsigned"))
            .replace("ghcr.io/*", registry.host() + "/*");
    Path out = work.resolve(relative.replace('/', '_'));
    Files.writeString(out, text);
    return out;
  }

  @Test
  void withCelExceptions() throws Exception {
    CliRunner.Run r =
        CliRunner.run(
            "apply",
            "--insecure-registry",
            registry.host(),
            "--policy",
            localized("with-cel-exceptions/policy.yaml").toString(),
            "--policy",
            localized("with-cel-exceptions/exception.yaml").toString(),
            "--resource",
            localized("with-cel-exceptions/resources.yaml").toString());
    // kyverno-test.yaml: test-pod-bad fail, test-pod-good pass, skipped-pod skip.
    assertThat(r.out())
        .as(r.err())
        .contains(
            "FAIL: ivpol-sample/ImageValidatingPolicy Pod/default/test-pod-bad: failed to verify"
                + " image with notary cert")
        .contains("PASS: ivpol-sample/ImageValidatingPolicy Pod/default/test-pod-good")
        .contains(
            "SKIP: ivpol-sample/ImageValidatingPolicy Pod/default/skipped-pod: rule is skipped due"
                + " to policy exception: check-name");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void emptyMessage() throws Exception {
    Path policy = localized("empty-message/policy.yaml");
    CliRunner.Run bad =
        CliRunner.run(
            "apply",
            "--insecure-registry",
            registry.host(),
            "--policy",
            policy.toString(),
            "--resource",
            localized("empty-message/bad-pod.yaml").toString());
    assertThat(bad.out())
        .as(bad.err())
        .contains(
            "FAIL: ivpol-sample/ImageValidatingPolicy Pod/default/bad-pod: CEL expression"
                + " validation failed at index 0");
    CliRunner.Run good =
        CliRunner.run(
            "apply",
            "--insecure-registry",
            registry.host(),
            "--policy",
            policy.toString(),
            "--resource",
            localized("empty-message/good-pod.yaml").toString());
    assertThat(good.out()).as(good.err()).contains("pass: 1, fail: 0");
    assertThat(good.exitCode()).isZero();
  }
}
