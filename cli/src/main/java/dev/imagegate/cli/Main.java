package dev.imagegate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code imagegate}: verify container image signatures and attestations; evaluate Kyverno
 * verifyImages policies.
 */
@Command(
    name = "imagegate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Verifies container image signatures and attestations (cosign, Notary Project) and applies Kyverno verifyImages policies.")
public final class Main {
  /**
   * The subcommands, in help order. Only the one invoked is instantiated (picocli builds a
   * command's whole model when it is added: building all ten costs a CLI run more than a
   * verification does); help gets them all.
   */
  private static final java.util.LinkedHashMap<String, java.util.function.Supplier<Object>>
      SUBCOMMANDS = new java.util.LinkedHashMap<>();

  static {
    SUBCOMMANDS.put("verify", VerifyCommand::new);
    SUBCOMMANDS.put("verify-bundle", VerifyBundleCommand::new);
    SUBCOMMANDS.put("apply", ApplyCommand::new);
    SUBCOMMANDS.put("lint", LintCommand::new);
    SUBCOMMANDS.put("convert", ConvertCommand::new);
    SUBCOMMANDS.put("serve", ServeCommand::new);
    SUBCOMMANDS.put("discover", DiscoverCommand::new);
    SUBCOMMANDS.put("inspect", InspectCommand::new);
    SUBCOMMANDS.put("demo", DemoCommand::new);
    SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
  }

  /** Exit codes shared by every command. */
  public static final int VERIFIED = 0;

  public static final int DENIED = 1;
  public static final int USAGE = 2;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this directly). */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /**
   * The configured command line for these arguments: just the invoked subcommand, or all of them
   * for help.
   */
  static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new Main());
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // The version alone needs no subcommand: building all ten models was most of its
      // 0.5 s of CPU (issue 15). Anything after the flag keeps the full model, so its errors
      // stay the same.
      return configure(cli);
    }
    java.util.function.Supplier<Object> only = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    if (only != null && !args[0].equals("help")) {
      cli.addSubcommand(args[0], only.get());
    } else {
      SUBCOMMANDS.forEach((name, make) -> cli.addSubcommand(name, make.get()));
    }
    return configure(cli);
  }

  /**
   * Installs imagegate's error handling: configuration errors exit 2 with one line, bugs 3 with a
   * trace.
   */
  static CommandLine configure(CommandLine cli) {
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          cmd.getErr().println("Error: " + ConfigErrors.describe(ex));
          return ConfigErrors.isBug(ex) ? 3 : USAGE;
        });
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          ex.getCommandLine().getErr().println("Error: " + ex.getMessage());
          ex.getCommandLine()
              .getErr()
              .println(
                  "Run '"
                      + ex.getCommandLine().getCommandSpec().qualifiedName()
                      + " --help' for usage.");
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
