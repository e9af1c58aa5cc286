package dev.imagegate.cli.training;

import dev.imagegate.cli.Main;
import dev.imagegate.cosign.CosignTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -cp imagegate-all.jar dev.imagegate.cli.training.TrainingRun HOME}: the workload
 * {@code bin/imagegate} records its start-up cache from (see the package description). It verifies
 * the shipped demo image from its OCI layout and, through {@link LayoutRegistry}, from a registry
 * on loopback (a real HTTP exchange: resolve, {@code .sig} tag, referrers API and its tag fallback,
 * blobs), once as text and once as JSON, and makes one refused HTTPS connection so the TLS client
 * classes load too; it also prints the version and parses the bundled Sigstore trusted root. Exit
 * code 0 when the verifications came out as expected, 1 otherwise (the cache is still written: the
 * classes were loaded either way).
 */
public final class TrainingRun {
  private TrainingRun() {}

  public static void main(String[] args) throws IOException {
    Path home = Path.of(args.length > 0 ? args[0] : System.getProperty("imagegate.home", "."));
    System.exit(run(home) ? 0 : 1);
  }

  /** Runs the workload against {@code home}'s demo files; true when it verified as expected. */
  public static boolean run(Path home) throws IOException {
    Path demo = home.resolve("demo/cosign");
    Path layout = demo.resolve("layout");
    if (!Files.isDirectory(layout)) {
      throw new IOException("no demo layout in " + demo);
    }
    try (LayoutRegistry registry = LayoutRegistry.start(layout)) {
      String image = registry.host() + "/imagegate/demo:signed";
      List<String> common =
          List.of(
              "verify",
              "--key",
              demo.resolve("cosign.pub").toString(),
              "--insecure-ignore-tlog",
              "--insecure-registry",
              registry.host(),
              "--registry-timeout",
              "5");
      List<String> text = new ArrayList<>(common);
      text.add("oci-layout:" + layout + ":signed");
      text.add(image);
      List<String> json = new ArrayList<>(common);
      json.addAll(List.of("--output", "json", image));
      // Port 9 (discard) on loopback: refused at once, after the HTTPS client was built.
      List<String> tls = new ArrayList<>(common);
      tls.add("localhost:9/imagegate/training:v1");
      // --version asks for the console (picocli's ANSI detection), which no verification does.
      boolean ok = Main.run("--version") == Main.VERIFIED;
      ok &= Main.run(text.toArray(String[]::new)) == Main.VERIFIED;
      ok &= Main.run(json.toArray(String[]::new)) == Main.VERIFIED;
      ok &= Main.run(tls.toArray(String[]::new)) == Main.DENIED;
      // The key-only runs above never parse the bundled Sigstore root (it is resolved when a
      // check needs it); keyless and transparency-log verifications do, so its parser's classes
      // are trained here.
      ok &= !CosignTrust.publicGood().certificateAuthorities().isEmpty();
      return ok;
    }
  }
}
