package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The README's main job must keep working: the shipped demo layout verifies as documented. */
class DemoTest {
  @Test
  void demoShowsSignedAndUnsignedImagesThroughTheCliAndTheWebhook() {
    CliRunner.Run run = CliRunner.run("demo", "--home", System.getProperty("imagegate.root", ".."));
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("VERIFIED")
        .contains("demo: OK")
        .contains("no signatures found")
        .contains("signature by another key")
        .contains("JSONPatch replace /spec/containers/0/image = ")
        .contains("was blocked due to the following policies")
        .contains("warning:  policy environment-specific-verification.development-warn-unsigned")
        .contains("kubectl run notation-signed -n payments")
        .contains("no signature is associated with")
        .doesNotContain("UNEXPECTED");
  }
}
