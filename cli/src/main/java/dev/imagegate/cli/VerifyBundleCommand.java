package dev.imagegate.cli;

import dev.imagegate.sigstore.Artifact;
import dev.imagegate.sigstore.BundleVerification;
import dev.imagegate.sigstore.BundleVerifier;
import dev.imagegate.sigstore.CertificateIdentity;
import dev.imagegate.sigstore.SigstoreBundle;
import dev.imagegate.sigstore.TrustedRoot;
import dev.imagegate.sigstore.VerificationPolicy;
import dev.imagegate.trust.PublicKeys;
import dev.imagegate.trust.TrustMaterialException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code imagegate verify-bundle}: verifies one Sigstore bundle over a file or a digest, offline,
 * following the sigstore-conformance client protocol ({@code verify-bundle --bundle F
 * (--certificate-identity SAN --certificate-oidc-issuer URL | --key PEM) [--trusted-root F]
 * FILE_OR_DIGEST}). Without {@code --trusted-root} the bundled public-good production root is used.
 */
@Command(
    name = "verify-bundle",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Verify a Sigstore bundle over a file or a sha256:<hex> digest (sigstore-conformance protocol).",
      "Exit codes: 0 verified, 1 not verified, 2 usage or configuration error."
    })
final class VerifyBundleCommand implements Callable<Integer> {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  /** Artifacts are read into memory; larger inputs should be passed as their digest. */
  static final long MAX_ARTIFACT_BYTES = 512L << 20;

  @Spec CommandSpec spec;

  @Option(
      names = "--staging",
      description = "Use the Sigstore staging instance (not bundled: pass its --trusted-root).")
  boolean staging;

  @Option(
      names = "--bundle",
      required = true,
      paramLabel = "FILE",
      description = "The Sigstore bundle (JSON).")
  @Nullable Path bundle;

  @Option(
      names = "--certificate-identity",
      paramLabel = "SAN",
      description = "Identity (SAN) the signing certificate must have.")
  @Nullable String identity;

  @Option(
      names = "--certificate-oidc-issuer",
      paramLabel = "URL",
      description = "OIDC issuer the signing certificate must name.")
  @Nullable String issuer;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "Public key (PEM) of a key-signed bundle.")
  @Nullable Path key;

  @Option(
      names = "--trusted-root",
      paramLabel = "FILE",
      description = "trusted_root.json (default: the bundled public-good production root).")
  @Nullable Path trustedRoot;

  @Option(
      names = "--insecure-ignore-tlog",
      description = "Do not require a verified transparency log entry.")
  boolean ignoreTlog;

  @Parameters(
      paramLabel = "FILE_OR_DIGEST",
      description = "The signed file, or its digest as sha256:<64 hex>.")
  @Nullable String target;

  @Override
  public Integer call() {
    if (key != null && (identity != null || issuer != null)) {
      throw new UsageException(
          "exactly one of: key reference (--key) or certificate identity (--certificate-identity), must be provided");
    }
    if (key == null && (identity == null || issuer == null)) {
      throw new UsageException(
          "pass --key FILE, or both --certificate-identity and --certificate-oidc-issuer");
    }
    if (staging && trustedRoot == null) {
      throw new UsageException(
          "--staging: the staging trusted root is not bundled (imagegate never fetches TUF); pass --trusted-root");
    }
    TrustedRoot trust = TrustFiles.trustedRootOrPublicGood(trustedRoot);
    VerificationPolicy.Builder policy = VerificationPolicy.builder(trust).requireTlog(!ignoreTlog);
    if (key != null) {
      try {
        policy.publicKey(PublicKeys.parse(TrustFiles.text(key, "--key")));
      } catch (TrustMaterialException e) {
        throw new UsageException("--key " + key + ": " + e.getMessage(), e);
      }
    } else {
      // Checked above: without --key, both --certificate-identity and --certificate-oidc-issuer are
      // given.
      policy.identity(
          CertificateIdentity.exact(
              Objects.requireNonNull(identity), Objects.requireNonNull(issuer)));
    }
    // picocli guarantees both: --bundle is required = true, FILE_OR_DIGEST a positional parameter
    // of arity 1.
    Path bundle = Objects.requireNonNull(this.bundle, "--bundle");
    Artifact artifact = artifact(Objects.requireNonNull(target, "FILE_OR_DIGEST"));
    byte[] json = readBundle(bundle);
    BundleVerification v = BundleVerifier.verify(json, artifact, policy.build());
    PrintWriter out = spec.commandLine().getOut();
    if (v instanceof BundleVerification.Verified ok) {
      out.println(
          "OK: "
              + bundle
              + " verified over "
              + artifact.describe()
              + " (signer: "
              + ok.signer().describe()
              + (ok.signingTime() == null ? "" : ", signed at " + ok.signingTime())
              + ")");
      return Main.VERIFIED;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("FAILED: " + bundle + " over " + artifact.describe() + ":");
    ((BundleVerification.Failed) v).reasons().forEach(r -> err.println("  - " + r));
    return Main.DENIED;
  }

  private static Artifact artifact(String target) {
    Path p = Path.of(target);
    if (Files.isRegularFile(p)) {
      try {
        if (Files.size(p) > MAX_ARTIFACT_BYTES) {
          throw new UsageException(
              target
                  + ": larger than "
                  + MAX_ARTIFACT_BYTES
                  + " bytes; pass its sha256:<hex> digest instead");
        }
        return Artifact.of(Files.readAllBytes(p));
      } catch (IOException e) {
        throw new UsageException(target + ": cannot read the file (" + e.getMessage() + ")", e);
      }
    }
    if (DIGEST.matcher(target).matches()) {
      return Artifact.ofDigest(target);
    }
    throw new UsageException(
        target + ": neither a readable file nor a sha256:<64 lower-case hex> digest");
  }

  private static byte[] readBundle(Path bundle) {
    try {
      if (Files.size(bundle) > SigstoreBundle.MAX_BYTES) {
        throw new UsageException(
            "--bundle " + bundle + ": larger than " + SigstoreBundle.MAX_BYTES + " bytes");
      }
      return Files.readAllBytes(bundle);
    } catch (IOException e) {
      throw new UsageException(
          "--bundle " + bundle + ": cannot read the file (" + e.getMessage() + ")", e);
    }
  }
}
