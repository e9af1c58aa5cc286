package dev.imagegate.cli;

import dev.imagegate.notation.NotaryTrust;
import dev.imagegate.notation.NotationConfigException;
import dev.imagegate.notation.RatifyNotationConfig;
import dev.imagegate.notation.TrustPolicyDocument;
import dev.imagegate.notation.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads the Notary trust given on the command line: a notation trust policy and store, or a Ratify
 * configuration.
 */
final class NotationTrustLoader {
  /** Bound on a configuration file read from disk. */
  static final long MAX_CONFIG_BYTES = 4L * 1024 * 1024;

  /** The trust, and the Ratify configuration when it came from one (else null). */
  record Loaded(NotaryTrust trust, @Nullable RatifyNotationConfig ratify) {}

  private NotationTrustLoader() {}

  static Loaded load(NotationOptions o) {
    if (o.verifierConfig != null && (o.trustPolicy != null || o.trustStore != null)) {
      throw new UsageException(
          "--verifier-config cannot be combined with --trust-policy/--trust-store: the Ratify"
              + " configuration carries its own trust policy and certificates");
    }
    try {
      if (o.verifierConfig != null) {
        RatifyNotationConfig cfg = ratify(o.verifierConfig);
        // ratify() above read it as a regular file, so its absolute path has a parent directory.
        Path base = Objects.requireNonNull(o.verifierConfig.toAbsolutePath().getParent());
        return new Loaded(cfg.toTrust(NotationTrustLoader::noProvider, base), cfg);
      }
      if (o.trustPolicy == null || o.trustStore == null) {
        throw new UsageException(
            "Notary verification needs both --trust-policy FILE and --trust-store DIR (or"
                + " --verifier-config FILE); missing "
                + (o.trustPolicy == null ? "--trust-policy" : "--trust-store"));
      }
      if (!Files.isRegularFile(o.trustPolicy)) {
        throw new UsageException("--trust-policy " + o.trustPolicy + ": no such file");
      }
      if (!Files.isDirectory(o.trustStore)) {
        throw new UsageException(
            "--trust-store "
                + o.trustStore
                + ": no such directory (expected one holding"
                + " x509/{ca,signingAuthority,tsa}/NAME/)");
      }
      TrustPolicyDocument policy =
          TrustPolicyDocument.read(o.trustPolicy, TrustPolicyDocument.Kind.OCI);
      return new Loaded(new NotaryTrust(policy, TrustStore.directory(o.trustStore)), null);
    } catch (NotationConfigException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /**
   * A Ratify CLI config (JSON with {@code verifier.plugins}) or a {@code kind: Verifier} resource
   * (YAML or JSON).
   */
  static RatifyNotationConfig ratify(Path file) {
    String text;
    try {
      if (Files.size(file) > MAX_CONFIG_BYTES) {
        throw new UsageException(
            "--verifier-config " + file + ": larger than " + MAX_CONFIG_BYTES + " bytes");
      }
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UsageException("--verifier-config " + file + ": cannot read: " + e.getMessage(), e);
    }
    String trimmed = text.stripLeading();
    boolean cli =
        trimmed.startsWith("{")
            && trimmed.contains("\"verifier\"")
            && !trimmed.contains("\"kind\"");
    return cli
        ? RatifyNotationConfig.fromCliConfig(text, file.toString())
        : RatifyNotationConfig.fromVerifierResource(text, file.toString());
  }

  private static java.util.List<java.security.cert.X509Certificate> noProvider(String reference) {
    throw new NotationConfigException(
        "verificationCertStores names the certificate provider \""
            + reference
            + "\" (a KeyManagementProvider resource), which the CLI cannot read: list certificate files or directories"
            + " in verificationCerts instead");
  }
}
