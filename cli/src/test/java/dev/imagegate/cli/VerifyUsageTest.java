package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage and configuration errors exit 2 with a message that says what is wrong. */
class VerifyUsageTest {
  @TempDir Path dir;

  @Test
  void missingKeyIsAUsageError() {
    CliRunner.Run r = CliRunner.run("verify", "example.com/app:v1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--key");
  }

  @Test
  void unreadableKeyFileIsAConfigError() {
    CliRunner.Run r =
        CliRunner.run("verify", "--key", dir.resolve("nope.pub").toString(), "example.com/app:v1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("nope.pub").contains("cannot read");
  }

  @Test
  void garbageKeyIsAConfigError() throws Exception {
    Path k = Files.writeString(dir.resolve("bad.pub"), "not a key");
    CliRunner.Run r = CliRunner.run("verify", "--key", k.toString(), "example.com/app:v1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no PEM public key found");
  }

  @Test
  void kmsKeyIsRefusedOffline() {
    CliRunner.Run r =
        CliRunner.run("verify", "--key", "awskms:///alias/signer", "example.com/app:v1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("not available offline");
  }

  @Test
  void badReferenceIsAUsageError() throws Exception {
    Path k = Path.of(System.getProperty("imagegate.root", "..")).resolve("demo/cosign/cosign.pub");
    CliRunner.Run r = CliRunner.run("verify", "--key", k.toString(), "Example.com/UPPER:v1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("invalid image reference");
  }

  @Test
  void unknownOutputFormatIsAUsageError() throws Exception {
    Path k = Path.of(System.getProperty("imagegate.root", "..")).resolve("demo/cosign/cosign.pub");
    CliRunner.Run r =
        CliRunner.run("verify", "--key", k.toString(), "--output", "xml", "example.com/app:v1");
    assertThat(r.exitCode()).isEqualTo(2);
  }
}
