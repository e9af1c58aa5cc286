package dev.imagegate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParseResult;

/**
 * The CLI's observable surface as one text document: help of the root and of every subcommand, the
 * version, usage errors (stdout, stderr, exit code), a dump of the command models picocli holds and
 * the values a parse binds. {@link CliGoldenTest} compares it with the copy recorded from the
 * annotation-built models, so building a model in code cannot change what users see. Uses only
 * picocli's public model API, so the same renderer ran against the old jar.
 */
final class CliGolden {
  /** Arguments whose outcome is recorded; none reads a file or reaches a registry. */
  static final List<List<String>> RUNS =
      List.of(
          List.of("--help"),
          List.of("-h"),
          List.of("--version"),
          List.of("-V"),
          List.of(),
          List.of("help"),
          List.of("verify", "--help"),
          List.of("verify-bundle", "--help"),
          List.of("apply", "--help"),
          List.of("lint", "--help"),
          List.of("convert", "--help"),
          List.of("serve", "--help"),
          List.of("discover", "--help"),
          List.of("inspect", "--help"),
          List.of("demo", "--help"),
          List.of("help", "--help"),
          List.of("help", "verify"),
          List.of("help", "inspect"),
          List.of("help", "nosuch"),
          List.of("verify", "-h"),
          List.of("verify", "-V"),
          List.of("--bogus"),
          List.of("nosuch"),
          List.of("--version", "x"),
          List.of("verify"),
          List.of("verify", "--key"),
          List.of("verify", "--bogus", "example.com/app:v1"),
          List.of("verify", "--parallel", "x", "example.com/app:v1"),
          List.of("verify", "--parallel", "0", "example.com/app:v1"),
          List.of("verify", "--parallel", "300", "--key", "k.pub", "example.com/app:v1"),
          List.of("verify", "-a", "foo", "example.com/app:v1"),
          List.of("verify", "--registry-timeout", "abc", "example.com/app:v1"),
          List.of("verify", "--output", "yaml", "example.com/app:v1"),
          List.of("verify", "-o"),
          List.of("verify", "--insecure-ignore-tlog=maybe", "example.com/app:v1"),
          List.of("verify", "example.com/app:v1", "--certificate-chain"),
          List.of("verify", "example.com/app:v1"),
          List.of("verify", "--certificate-identity", "me", "--key", "k.pub", "example.com/app:v1"),
          List.of("verify", "--policy", "p.yaml", "--key", "k.pub", "example.com/app:v1"),
          List.of("verify", "--trust-policy"),
          List.of("inspect"),
          List.of("inspect", "--output", "yaml", "example.com/app:v1"),
          List.of("inspect", "--registry-timeout", "x", "example.com/app:v1"),
          List.of("lint", "--output"),
          List.of("apply", "--registry-timeout", "x"),
          List.of("discover", "--insecure-registry"),
          List.of("convert", "--registry-config"));

  /** A verify line that sets every option of verify, for the parse dump. */
  static final List<String> FULL_VERIFY =
      List.of(
          "verify",
          "--key",
          "a.pub",
          "--key=b.pub",
          "-a",
          "k1=v1",
          "--annotations",
          "k2=v2",
          "--type",
          "slsaprovenance",
          "--repository",
          "reg/sigs",
          "--insecure-ignore-tlog",
          "--signature-digest-algorithm",
          "sha512",
          "-o",
          "json",
          "--parallel",
          "3",
          "--certificate-identity",
          "id",
          "--certificate-identity-regexp",
          "idre",
          "--certificate-oidc-issuer",
          "iss",
          "--certificate-oidc-issuer-regexp",
          "issre",
          "--certificate-github-workflow-trigger",
          "t",
          "--certificate-github-workflow-sha",
          "s",
          "--certificate-github-workflow-name",
          "n",
          "--certificate-github-workflow-repository",
          "r",
          "--certificate-github-workflow-ref",
          "ref",
          "--certificate",
          "c.pem",
          "--certificate-chain",
          "ch.pem",
          "--ca-roots",
          "ca.pem",
          "--trusted-root",
          "tr.json",
          "--rekor-public-key",
          "rk.pem",
          "--ct-log-public-key",
          "ct.pem",
          "--insecure-ignore-sct",
          "--insecure-registry",
          "r1:5000",
          "--insecure-registry",
          "r2",
          "--registry-config",
          "cfg.json",
          "--registry-timeout",
          "7",
          "--trust-policy",
          "tp.json",
          "--trust-store",
          "ts",
          "--verifier-config",
          "vc.yaml",
          "--policy",
          "p1",
          "--policy",
          "p2",
          "--explain",
          "example.com/a:v1",
          "example.com/b@sha256:" + "0".repeat(64));

  private CliGolden() {}

  static String render() {
    StringBuilder b = new StringBuilder();
    String version = new Main.Version().getVersion()[0];
    for (List<String> args : RUNS) {
      CliRunner.Run r = CliRunner.run(args.toArray(String[]::new));
      b.append("### run: imagegate ").append(String.join(" ", args)).append('\n');
      b.append("exit: ").append(r.exitCode()).append('\n');
      b.append("--- stdout\n").append(r.out());
      b.append("--- stderr\n").append(r.err());
    }
    model(b, "--help", Main.commandLine("--help"));
    model(b, "--version", Main.commandLine("--version"));
    model(b, "verify k i", Main.commandLine("verify", "--key", "k.pub", "example.com/app:v1"));
    model(b, "inspect i", Main.commandLine("inspect", "example.com/app:v1"));
    parse(b, FULL_VERIFY);
    parse(b, List.of("verify", "example.com/app:v1"));
    parse(b, List.of("inspect", "-o", "json", "--insecure-registry", "r", "example.com/app:v1"));
    parse(
        b, List.of("apply", "-p", "p.yaml", "--registry-timeout", "9", "--insecure-registry", "r"));
    parse(b, List.of("lint", "-p", "p.yaml", "--output", "json"));
    return b.toString().replace(version, "imagegate <version>");
  }

  private static void model(StringBuilder b, String label, CommandLine cli) {
    b.append("### model: ").append(label).append('\n');
    spec(b, cli.getCommandSpec(), "");
  }

  private static void spec(StringBuilder b, CommandSpec s, String indent) {
    UsageMessageSpec u = s.usageMessage();
    line(b, indent, "command", s.qualifiedName());
    line(b, indent, "aliases", Arrays.toString(s.aliases()));
    line(b, indent, "mixins", String.valueOf(s.mixins().keySet()));
    line(b, indent, "mixinStandardHelpOptions", s.mixinStandardHelpOptions());
    line(b, indent, "version", Arrays.toString(s.version()));
    line(b, indent, "helpCommand", s.helpCommand());
    line(b, indent, "interpolateVariables", s.interpolateVariables());
    line(b, indent, "exitCodes", exitCodes(s));
    line(b, indent, "separator", s.parser().separator());
    line(b, indent, "description", Arrays.toString(u.description()));
    line(b, indent, "header", Arrays.toString(u.header()));
    line(b, indent, "footer", Arrays.toString(u.footer()));
    line(b, indent, "sortOptions", u.sortOptions());
    line(b, indent, "sortSynopsis", u.sortSynopsis());
    line(b, indent, "showDefaultValues", u.showDefaultValues());
    line(b, indent, "hidden", u.hidden());
    line(b, indent, "abbreviateSynopsis", u.abbreviateSynopsis());
    line(b, indent, "customSynopsis", Arrays.toString(u.customSynopsis()));
    line(b, indent, "requiredOptionMarker", u.requiredOptionMarker());
    line(b, indent, "width", u.width());
    for (OptionSpec o : s.options()) {
      b.append(indent).append("  option ").append(Arrays.toString(o.names())).append('\n');
      arg(b, o, indent + "    ");
      line(b, indent + "    ", "help", o.help() + " " + o.usageHelp() + " " + o.versionHelp());
      line(b, indent + "    ", "negatable", o.negatable());
      line(b, indent + "    ", "fallbackValue", o.fallbackValue());
      line(b, indent + "    ", "order", o.order());
    }
    for (PositionalParamSpec p : s.positionalParameters()) {
      b.append(indent).append("  positional ").append(p.index()).append('\n');
      arg(b, p, indent + "    ");
    }
    for (Map.Entry<String, CommandLine> sub : s.subcommands().entrySet()) {
      b.append(indent).append("  subcommand ").append(sub.getKey()).append('\n');
      spec(b, sub.getValue().getCommandSpec(), indent + "    ");
    }
  }

  private static String exitCodes(CommandSpec s) {
    return s.exitCodeOnSuccess()
        + " "
        + s.exitCodeOnUsageHelp()
        + " "
        + s.exitCodeOnVersionHelp()
        + " "
        + s.exitCodeOnInvalidInput()
        + " "
        + s.exitCodeOnExecutionException();
  }

  private static void arg(StringBuilder b, ArgSpec a, String indent) {
    line(b, indent, "paramLabel", a.paramLabel());
    line(b, indent, "arity", a.arity());
    line(b, indent, "type", a.type().getName() + " " + Arrays.toString(a.auxiliaryTypes()));
    line(b, indent, "typeInfo", a.typeInfo().getClassName() + " " + a.typeInfo().isMultiValue());
    line(b, indent, "required", a.required());
    // uninterpolated: serve's defaults name java.io.tmpdir and $POD_NAMESPACE
    line(b, indent, "defaultValue", a.defaultValueString(false));
    line(b, indent, "initialValue", a.hasInitialValue() + " " + a.initialValue());
    line(b, indent, "description", Arrays.toString(a.description()));
    line(b, indent, "descriptionKey", a.descriptionKey());
    line(b, indent, "hidden", a.hidden());
    line(b, indent, "splitRegex", a.splitRegex());
    line(b, indent, "showDefaultValue", a.showDefaultValue());
    line(b, indent, "interactive", a.interactive());
    line(b, indent, "hideParamSyntax", a.hideParamSyntax());
    line(b, indent, "inherited", a.inherited() + " " + a.scopeType());
    line(b, indent, "converters", a.converters().length);
    line(b, indent, "completionCandidates", a.completionCandidates() != null);
    line(b, indent, "mapFallbackValue", a.mapFallbackValue());
    line(b, indent, "group", a.group() != null);
  }

  private static void parse(StringBuilder b, List<String> args) {
    String[] a = args.toArray(String[]::new);
    ParseResult top = Main.commandLine(a).parseArgs(a);
    b.append("### parse: imagegate ").append(String.join(" ", args)).append('\n');
    CommandSpec s = top.subcommand().commandSpec();
    for (OptionSpec o : s.options()) {
      line(b, "  ", o.longestName(), String.valueOf((Object) o.getValue()));
    }
    for (PositionalParamSpec p : s.positionalParameters()) {
      line(b, "  ", p.paramLabel(), String.valueOf((Object) p.getValue()));
    }
  }

  private static void line(StringBuilder b, String indent, String key, Object value) {
    b.append(indent).append(key).append(": ").append(value).append('\n');
  }

  /** Writes the document to the file named by the first argument (used to record the golden). */
  public static void main(String[] args) throws Exception {
    Files.writeString(Path.of(args[0]), render());
  }
}
