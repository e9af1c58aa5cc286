package dev.imagegate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code imagegate}: verify container image signatures and attestations; evaluate Kyverno verifyImages policies. */
@Command(name = "imagegate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Verifies container image signatures and attestations (cosign, Notary Project) and applies Kyverno verifyImages policies.",
    subcommands = {VerifyCommand.class, VerifyBundleCommand.class, ApplyCommand.class, LintCommand.class, dev.imagegate.webhook.ServeCommand.class, DiscoverCommand.class, InspectCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main {
  /** Exit codes shared by every command. */
  public static final int VERIFIED = 0;
  public static final int DENIED = 1;
  public static final int USAGE = 2;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this directly). */
  public static int run(String... args) {
    return configure(new CommandLine(new Main())).execute(args);
  }

  /** Installs imagegate's error handling: configuration errors exit 2 with one line, bugs 3 with a trace. */
  static CommandLine configure(CommandLine cli) {
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("Error: " + ConfigErrors.describe(ex));
      return ConfigErrors.isBug(ex) ? 3 : USAGE;
    });
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("Error: " + ex.getMessage());
      ex.getCommandLine().getErr().println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      return USAGE;
    });
    return cli;
  }

  /** Version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"imagegate " + (v == null ? "dev" : v)};
    }
  }
}
