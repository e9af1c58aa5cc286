package dev.imagegate.notation.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The protected header of a Notary envelope, decoded identically from JWS and COSE.
 *
 * @param extendedAttributes protected header entries that are not Notary or registered ones, by
 *     label
 * @param critical the labels listed in {@code crit}, as text (COSE integer labels in decimal)
 */
public record SignedAttributes(
    @Nullable String contentType,
    @Nullable String signingScheme,
    @Nullable Instant signingTime,
    @Nullable Instant authenticSigningTime,
    @Nullable Instant expiry,
    @Nullable String verificationPlugin,
    @Nullable String verificationPluginMinVersion,
    Map<String, String> extendedAttributes,
    List<String> critical) {
  public static final String SCHEME_X509 = "notary.x509";
  public static final String SCHEME_SIGNING_AUTHORITY = "notary.x509.signingAuthority";
  public static final String PAYLOAD_CONTENT_TYPE = "application/vnd.cncf.notary.payload.v1+json";

  static final String SIGNING_SCHEME = "io.cncf.notary.signingScheme";
  static final String SIGNING_TIME = "io.cncf.notary.signingTime";
  static final String AUTHENTIC_SIGNING_TIME = "io.cncf.notary.authenticSigningTime";
  static final String EXPIRY = "io.cncf.notary.expiry";
  static final String VERIFICATION_PLUGIN = "io.cncf.notary.verificationPlugin";
  static final String VERIFICATION_PLUGIN_MIN_VERSION =
      "io.cncf.notary.verificationPluginMinVersion";
  static final String TIMESTAMP_SIGNATURE = "io.cncf.notary.timestampSignature";
  static final String SIGNING_AGENT = "io.cncf.notary.signingAgent";

  /** Notary attribute names this verifier understands; anything else listed critical is unknown. */
  static final List<String> KNOWN_NOTARY =
      List.of(
          SIGNING_SCHEME,
          SIGNING_TIME,
          AUTHENTIC_SIGNING_TIME,
          EXPIRY,
          VERIFICATION_PLUGIN,
          VERIFICATION_PLUGIN_MIN_VERSION);

  /** One named attribute of a protected header, read as its encoding requires. */
  @FunctionalInterface
  interface Field<T> {
    @Nullable T get(String name) throws InvalidEnvelopeException;
  }

  /**
   * The Notary attributes of a protected header, read by name the same way from JWS and COSE; each
   * encoding supplies how a text and a time are read (and what it refuses).
   *
   * @throws InvalidEnvelopeException when an attribute has the wrong type for its encoding
   */
  static SignedAttributes read(
      @Nullable String contentType,
      Field<String> text,
      Field<Instant> time,
      Map<String, String> extended,
      List<String> critical)
      throws InvalidEnvelopeException {
    return new SignedAttributes(
        contentType,
        text.get(SIGNING_SCHEME),
        time.get(SIGNING_TIME),
        time.get(AUTHENTIC_SIGNING_TIME),
        time.get(EXPIRY),
        text.get(VERIFICATION_PLUGIN),
        text.get(VERIFICATION_PLUGIN_MIN_VERSION),
        extended,
        critical);
  }

  public SignedAttributes {
    extendedAttributes = Map.copyOf(extendedAttributes);
    critical = List.copyOf(critical);
  }

  /**
   * The signing time used for validity checks: authentic for signingAuthority, informational
   * otherwise.
   */
  public @Nullable Instant effectiveSigningTime() {
    return SCHEME_SIGNING_AUTHORITY.equals(signingScheme) ? authenticSigningTime : signingTime;
  }

  /**
   * Critical extended attributes: neither registered nor Notary-defined, listed in {@code crit}.
   */
  public List<String> unknownCritical() {
    return critical.stream().filter(extendedAttributes::containsKey).toList();
  }
}
