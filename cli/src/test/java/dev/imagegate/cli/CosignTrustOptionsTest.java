package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegate.cosign.CosignTrust;
import dev.imagegate.cosign.TrustSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code verify}'s trust: without trust flags the bundled root is parsed only when a check needs it
 * (issue 15); with them the files are read at once, so their errors stay usage errors.
 */
class CosignTrustOptionsTest {
  @TempDir Path dir;

  private static VerifyCommand parsed(String... args) {
    VerifyCommand cmd = new VerifyCommand();
    new CommandLine(cmd.model()).parseArgs(args);
    return cmd;
  }

  @Test
  void withoutTrustFlagsTheBundledRootIsResolvedOnFirstUse() {
    TrustSource trust = parsed("--key", "k.pub", "--insecure-ignore-tlog", "img").trust.trust();

    assertThat(trust.resolved()).isFalse();
    assertThat(trust.get()).isSameAs(CosignTrust.publicGood());
  }

  @Test
  void keylessFlagsAloneAlsoUseTheBundledRoot() {
    TrustSource trust =
        parsed(
                "--certificate-identity",
                "a@example.test",
                "--certificate-oidc-issuer",
                "https://issuer.example.test",
                "img")
            .trust
            .trust();

    assertThat(trust.get()).isSameAs(CosignTrust.publicGood());
  }

  @Test
  void aTrustedRootFileIsReadAtOnce() {
    VerifyCommand cmd =
        parsed("--key", "k.pub", "--trusted-root", dir.resolve("missing.json").toString(), "img");

    assertThatThrownBy(() -> cmd.trust.trust())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("missing.json");
  }

  @Test
  void pemOverridesAreReadAtOnce() {
    VerifyCommand cmd =
        parsed("--key", "k.pub", "--rekor-public-key", dir.resolve("rekor.pub").toString(), "img");

    assertThatThrownBy(() -> cmd.trust.trust())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("rekor.pub");
  }
}
