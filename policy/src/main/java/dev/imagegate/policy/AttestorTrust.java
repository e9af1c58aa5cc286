package dev.imagegate.policy;

import java.util.Map;

/**
 * What an attestor entry trusts: exactly one of keys, certificates, keyless identity, or a nested
 * attestor set.
 */
public sealed interface AttestorTrust {
  record Keys(KeySource source, String signatureAlgorithm, Rekor rekor, CTLog ctlog)
      implements AttestorTrust {}

  /** {@code cert} (leaf) and/or {@code certChain} (intermediates and root), PEM. */
  record Certificates(String cert, String certChain, Rekor rekor, CTLog ctlog)
      implements AttestorTrust {}

  /** A Fulcio identity; {@code subject}/{@code issuer} may hold Kyverno wildcards. */
  record Keyless(
      String subject,
      String subjectRegExp,
      String issuer,
      String issuerRegExp,
      String roots,
      Map<String, String> additionalExtensions,
      Rekor rekor,
      CTLog ctlog)
      implements AttestorTrust {}

  /**
   * {@code attestor:} — another attestor set, written inline or as a variable resolved per request.
   */
  record Nested(AttestorSet set, String unresolved) implements AttestorTrust {}
}
