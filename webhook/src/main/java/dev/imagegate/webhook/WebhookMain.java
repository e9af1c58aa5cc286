package dev.imagegate.webhook;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the webhook container image ({@code imagegate serve ...}), for images built from
 * this module alone. The full CLI registers the same {@link ServeCommand}, so arguments are
 * identical either way.
 */
@Command(
    name = "imagegate",
    mixinStandardHelpOptions = true,
    subcommands = ServeCommand.class,
    description = "imagegate admission webhook")
public final class WebhookMain {
  private WebhookMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new WebhookMain()).execute(args));
  }
}
