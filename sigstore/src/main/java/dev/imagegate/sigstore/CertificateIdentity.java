package dev.imagegate.sigstore;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Who must have signed: a subject (matched against every SAN of the certificate) and an OIDC issuer
 * (the Fulcio issuer extension), each exact or as a regular expression, plus required Fulcio
 * extension values. A null field is not checked. Extension keys are cosign/Kyverno names ({@code
 * githubWorkflowRepository}, ...) or dotted OIDs.
 *
 * <p>{@link MatchMode#EXACT} compares {@code subject}, {@code issuer} and extensions for equality
 * (cosign); {@link MatchMode#WILDCARD} lets them contain {@code *} and {@code ?} globs (Kyverno
 * {@code wildcard.Match}). Regular expressions are unanchored searches in both modes, as Go's
 * {@code MatchString} is; anchor them with {@code ^...$} when a full match is meant.
 */
public record CertificateIdentity(
    @Nullable String subject,
    @Nullable String subjectRegExp,
    @Nullable String issuer,
    @Nullable String issuerRegExp,
    Map<String, String> extensions,
    @Nullable MatchMode mode) {

  public enum MatchMode {
    EXACT,
    WILDCARD
  }

  public CertificateIdentity {
    extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    mode = mode == null ? MatchMode.EXACT : mode;
    compile(subjectRegExp, "subjectRegExp");
    compile(issuerRegExp, "issuerRegExp");
    for (String key : extensions.keySet()) {
      if (FulcioCertificate.oidFor(key) == null) {
        throw new IllegalArgumentException(
            "unknown certificate extension '"
                + key
                + "' (expected one of "
                + FulcioCertificate.EXTENSION_NAMES.keySet()
                + " or a dotted OID)");
      }
    }
  }

  /** Exact subject and issuer, the common keyless case. */
  public static CertificateIdentity exact(String subject, String issuer) {
    return new CertificateIdentity(subject, null, issuer, null, Map.of(), MatchMode.EXACT);
  }

  public static CertificateIdentity regExp(String subjectRegExp, String issuerRegExp) {
    return new CertificateIdentity(
        null, subjectRegExp, null, issuerRegExp, Map.of(), MatchMode.EXACT);
  }

  public CertificateIdentity withExtensions(Map<String, String> required) {
    return new CertificateIdentity(subject, subjectRegExp, issuer, issuerRegExp, required, mode);
  }

  /** The compiled subject pattern, null when not set. */
  public @Nullable Pattern subjectPattern() {
    return compile(subjectRegExp, "subjectRegExp");
  }

  public @Nullable Pattern issuerPattern() {
    return compile(issuerRegExp, "issuerRegExp");
  }

  public String describe() {
    StringBuilder s = new StringBuilder();
    if (subject != null) {
      s.append("subject '").append(subject).append('\'');
    }
    if (subjectRegExp != null) {
      s.append(s.isEmpty() ? "" : " ")
          .append("subject matching /")
          .append(subjectRegExp)
          .append('/');
    }
    if (issuer != null) {
      s.append(s.isEmpty() ? "" : " ").append("issuer '").append(issuer).append('\'');
    }
    if (issuerRegExp != null) {
      s.append(s.isEmpty() ? "" : " ").append("issuer matching /").append(issuerRegExp).append('/');
    }
    if (!extensions.isEmpty()) {
      s.append(s.isEmpty() ? "" : " ")
          .append("extensions ")
          .append(new java.util.TreeMap<>(extensions));
    }
    if (mode == MatchMode.WILDCARD) {
      s.append(" (wildcards)");
    }
    return s.isEmpty() ? "any identity" : s.toString();
  }

  private static @Nullable Pattern compile(@Nullable String re, String what) {
    if (re == null) {
      return null;
    }
    try {
      return Pattern.compile(re);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid " + what + " '" + re + "': " + e.getDescription(), e);
    }
  }
}
