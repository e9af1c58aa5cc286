package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegate.webhook.FailurePolicy;
import dev.imagegate.webhook.WebhookConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code imagegate serve}'s options, parsed into the webhook's configuration. */
class ServeCommandTest {
  @Test
  void optionsBecomeTheWebhookConfig() {
    ServeCommand command = new ServeCommand();
    new CommandLine(command)
        .parseArgs(
            "--policies",
            "p1",
            "p2",
            "--tls-cert",
            "c",
            "--tls-key",
            "k",
            "--port",
            "0",
            "--failure-policy",
            "ignore",
            "--kubernetes",
            "--image-pull-secret",
            "a,ns/b",
            "--review-deadline-ms",
            "2000");

    WebhookConfig config = command.config();

    assertThat(config.policies()).containsExactly(Path.of("p1"), Path.of("p2"));
    assertThat(config.port()).isZero();
    assertThat(config.failurePolicy()).isEqualTo(FailurePolicy.IGNORE);
    assertThat(config.imagePullSecrets()).isEqualTo(List.of("a", "ns/b"));
    assertThat(config.reviewDeadline()).isEqualTo(Duration.ofMillis(2000));
    assertThat(config.maxJsonDepth()).isEqualTo(128);
    assertThat(config.workloadPullSecrets()).isTrue();
  }

  @Test
  void refusesToStartWithoutAnyPolicySource() {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs("--tls-cert", "c", "--tls-key", "k");

    assertThatThrownBy(command::config)
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--policies");
  }

  @Test
  void pullSecretsNeedTheCluster() {
    ServeCommand command = new ServeCommand();
    new CommandLine(command)
        .parseArgs(
            "--policies", "p", "--tls-cert", "c", "--tls-key", "k", "--image-pull-secret", "a");

    assertThatThrownBy(command::config)
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--kubernetes");
  }

  @Test
  void helpListsTheOptions() {
    String usage = new CommandLine(new ServeCommand()).getUsageMessage();

    assertThat(usage)
        .contains(
            "--policies",
            "--tls-cert",
            "--review-deadline-ms",
            "--failure-policy",
            "--insecure-registry",
            "--registry-config",
            "--image-pull-secret");
  }
}
