package dev.imagegate.policy;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an attestor entry trusts: exactly one of keys, certificates, keyless identity, or a nested
 * attestor set.
 */
public sealed interface AttestorTrust {
  record Keys(
      KeySource source, String signatureAlgorithm, @Nullable Rekor rekor, @Nullable CTLog ctlog)
      implements AttestorTrust {}

  /** {@code cert} (leaf) and/or {@code certChain} (intermediates and root), PEM. */
  record Certificates(
      @Nullable String cert,
      @Nullable String certChain,
      @Nullable Rekor rekor,
      @Nullable CTLog ctlog)
      implements AttestorTrust {}

  /** A Fulcio identity; {@code subject}/{@code issuer} may hold Kyverno wildcards. */
  record Keyless(
      @Nullable String subject,
      @Nullable String subjectRegExp,
      @Nullable String issuer,
      @Nullable String issuerRegExp,
      @Nullable String roots,
      Map<String, String> additionalExtensions,
      @Nullable Rekor rekor,
      @Nullable CTLog ctlog)
      implements AttestorTrust {}

  /**
   * {@code attestor:} — another attestor set, written inline or as a variable resolved per request.
   */
  record Nested(@Nullable AttestorSet set, @Nullable String unresolved) implements AttestorTrust {}
}
