package dev.imagegate.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Options selecting Notary Project verification for {@code imagegate verify}, declared in code
 * ({@link CommandModels}).
 */
final class NotationOptions {
  @Nullable Path trustPolicy;

  @Nullable Path trustStore;

  @Nullable Path verifierConfig;

  /** The options as verify's mixin, bound to this instance. */
  CommandSpec mixin() {
    CommandSpec m = CommandSpec.wrapWithoutInspection(this);
    m.addOption(
        CommandModels.path(() -> trustPolicy, v -> trustPolicy = v, "--trust-policy")
            .paramLabel("FILE")
            .description("notation trust policy document (trustpolicy.json); with --trust-store.")
            .build());
    m.addOption(
        CommandModels.path(() -> trustStore, v -> trustStore = v, "--trust-store")
            .paramLabel("DIR")
            .description(
                "notation trust store directory (holding x509/{ca,signingAuthority,tsa}/NAME/).")
            .build());
    m.addOption(
        CommandModels.path(() -> verifierConfig, v -> verifierConfig = v, "--verifier-config")
            .paramLabel("FILE")
            .description(
                "Ratify notation verifier configuration (Verifier resource YAML or CLI JSON).")
            .build());
    return m;
  }

  boolean requested() {
    return trustPolicy != null || trustStore != null || verifierConfig != null;
  }
}
