package dev.imagegate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code imagegate}: verify container image signatures and attestations; evaluate Kyverno
 * verifyImages policies. The root's model is declared in code ({@link #root}), as verify's is: see
 * {@link CommandModels}.
 */
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
    CommandLine cli = root();
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // The version alone needs no subcommand: building all ten models was most of its
      // 0.5 s of CPU (issue 15). Anything after the flag keeps the full model, so its errors
      // stay the same.
      return configure(cli);
    }
    java.util.function.Supplier<Object> only = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    if (only != null && !args[0].equals("help")) {
      cli.addSubcommand(args[0], model(only.get()));
    } else {
      SUBCOMMANDS.forEach((name, make) -> cli.addSubcommand(name, model(make.get())));
    }
    return configure(cli);
  }

  /** The root command, without subcommands: what {@code @Command} declared, in code. */
  static CommandLine root() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(new Main()).name("imagegate");
    spec.versionProvider(new Version());
    spec.usageMessage()
        .description(
            "Verifies container image signatures and attestations (cosign, Notary Project) and applies Kyverno verifyImages policies.");
    spec.addMixin(CommandModels.STANDARD_HELP, CommandModels.standardHelp());
    return new CommandLine(spec);
  }

  /**
   * What picocli gets for a subcommand object: verify's model declared in code, the model of an
   * annotated command plus its option groups, or the object itself (picocli reads its annotations).
   */
  static Object model(Object command) {
    if (command instanceof VerifyCommand verify) {
      return verify.model();
    }
    if (command instanceof CommandModels.AnnotatedWithGroups annotated) {
      return CommandModels.model(annotated);
    }
    return command;
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
