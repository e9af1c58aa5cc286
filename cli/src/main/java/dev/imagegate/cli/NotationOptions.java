package dev.imagegate.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Options selecting Notary Project verification for {@code imagegate verify}. */
final class NotationOptions {
  @Option(
      names = "--trust-policy",
      paramLabel = "FILE",
      description = "notation trust policy document (trustpolicy.json); with --trust-store.")
  @Nullable Path trustPolicy;

  @Option(
      names = "--trust-store",
      paramLabel = "DIR",
      description =
          "notation trust store directory (holding x509/{ca,signingAuthority,tsa}/NAME/).")
  @Nullable Path trustStore;

  @Option(
      names = "--verifier-config",
      paramLabel = "FILE",
      description = "Ratify notation verifier configuration (Verifier resource YAML or CLI JSON).")
  @Nullable Path verifierConfig;

  boolean requested() {
    return trustPolicy != null || trustStore != null || verifierConfig != null;
  }
}
