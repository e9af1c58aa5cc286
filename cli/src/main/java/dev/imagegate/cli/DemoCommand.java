package dev.imagegate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The README's main job: verifies the example images shipped in {@code demo/} (signed with the real
 * cosign v2 and v3, stored as an OCI image layout) and shows one image passing and the others
 * failing with their reasons.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Verify the example images shipped in demo/: a signed one passes, unsigned and wrongly signed ones fail with their reasons.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "imagegate checkout holding demo/ (default: the launcher's).")
  @Nullable Path home;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path root = home != null ? home : Path.of(System.getProperty("imagegate.home", "."));
    Path demo = root.resolve("demo/cosign");
    if (!Files.isDirectory(demo.resolve("layout"))) {
      throw new UsageException(
          "demo images not found in " + demo + " (run from an imagegate checkout or pass --home)");
    }
    String layout = "oci-layout:" + demo.resolve("layout");
    out.println(
        "== imagegate demo 1/2: cosign signatures, verified offline from an OCI image layout ==");
    out.println(
        "Images were signed with the real cosign v2 (.sig tag) and v3 (Sigstore bundle referrer) and copied");
    out.println(
        "into "
            + demo.resolve("layout")
            + " with oras. Expect: 'signed' verified, the others denied.");
    out.println();
    List<String> args =
        List.of(
            "verify",
            "--key",
            demo.resolve("cosign.pub").toString(),
            "--insecure-ignore-tlog",
            layout + ":signed",
            layout + ":unsigned",
            layout + ":signed-by-someone-else");
    out.println("$ imagegate " + String.join(" ", args).replace(root + "/", ""));
    StringWriter captured = new StringWriter();
    int code =
        Main.commandLine(args.toArray(String[]::new))
            .setOut(new PrintWriter(captured, true))
            .setErr(new PrintWriter(captured, true))
            .execute(args.toArray(String[]::new));
    out.print(captured.toString().replace(root + "/", ""));
    out.println(
        "(exit code " + code + ": 1 means at least one image was not verified, as expected here)");
    boolean asExpected =
        code == Main.DENIED && captured.toString().contains("verified: 1, not verified: 2");
    out.println();
    out.println("== imagegate demo 2/2: the admission webhook: signed and unsigned pods ==");
    out.flush();
    boolean webhook;
    try {
      webhook = new dev.imagegate.cli.demo.WebhookDemo(root, out).run();
    } catch (Exception e) {
      out.println("webhook demo failed: " + e);
      webhook = false;
    }
    boolean ok = asExpected && webhook;
    out.println(ok ? "demo: OK" : "demo: UNEXPECTED RESULT");
    out.flush();
    return ok ? 0 : 1;
  }
}
