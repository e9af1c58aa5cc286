package dev.imagegate.notation.internal;

import dev.imagegate.trust.Certificates;
import dev.imagegate.trust.TrustMaterialException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Parses a Notary envelope by its media type; never throws for bad input. */
public final class EnvelopeParser {
  public static final String JWS = "application/jose+json";
  public static final String COSE = "application/cose";

  /** Result of parsing. */
  public sealed interface Outcome {
    record Parsed(Envelope envelope) implements Outcome {}

    record Invalid(@Nullable String reason) implements Outcome {}

    record Unsupported(String mediaType) implements Outcome {}
  }

  private EnvelopeParser() {}

  public static Outcome parse(byte[] envelope, String mediaType) {
    if (!JWS.equals(mediaType) && !COSE.equals(mediaType)) {
      return new Outcome.Unsupported(mediaType);
    }
    if (envelope.length > EnvelopeLimits.MAX_ENVELOPE_BYTES) {
      return new Outcome.Invalid(
          "envelope is "
              + envelope.length
              + " bytes, more than the limit of "
              + EnvelopeLimits.MAX_ENVELOPE_BYTES);
    }
    try {
      Envelope parsed =
          JWS.equals(mediaType)
              ? JwsEnvelopeParser.parse(envelope)
              : CoseEnvelopeParser.parse(envelope);
      return new Outcome.Parsed(parsed);
    } catch (InvalidEnvelopeException e) {
      return new Outcome.Invalid(e.getMessage());
    }
  }

  static List<X509Certificate> certificates(List<byte[]> ders) throws InvalidEnvelopeException {
    if (ders.isEmpty()) {
      throw new InvalidEnvelopeException("certificate chain in the unsigned attributes is empty");
    }
    if (ders.size() > EnvelopeLimits.MAX_CHAIN_CERTIFICATES) {
      throw new InvalidEnvelopeException(
          "certificate chain has "
              + ders.size()
              + " certificates, more than the limit of "
              + EnvelopeLimits.MAX_CHAIN_CERTIFICATES);
    }
    List<X509Certificate> certs = new ArrayList<>();
    for (int i = 0; i < ders.size(); i++) {
      try {
        certs.add(Certificates.parse(ders.get(i)));
      } catch (TrustMaterialException e) {
        throw new InvalidEnvelopeException(
            "certificate #" + (i + 1) + " of the chain is malformed: " + e.getMessage());
      }
    }
    return certs;
  }

  /**
   * Rules shared by both envelope formats on the decoded protected header: required attributes per
   * signing scheme, expiry after signing time, and the {@code crit} list (required names present,
   * every listed name present in the header).
   */
  static void checkSignedAttributes(SignedAttributes a, Map<String, ?> header)
      throws InvalidEnvelopeException {
    String scheme = a.signingScheme();
    if (scheme == null) {
      throw new InvalidEnvelopeException(
          "missing signed attribute " + SignedAttributes.SIGNING_SCHEME);
    }
    boolean authority = SignedAttributes.SCHEME_SIGNING_AUTHORITY.equals(scheme);
    if (!authority && !SignedAttributes.SCHEME_X509.equals(scheme)) {
      throw new InvalidEnvelopeException(
          "signing scheme \""
              + scheme
              + "\" is not supported (expected "
              + SignedAttributes.SCHEME_X509
              + " or "
              + SignedAttributes.SCHEME_SIGNING_AUTHORITY
              + ")");
    }
    if (authority) {
      require(
          a.authenticSigningTime() != null,
          "signing scheme " + scheme + " requires " + SignedAttributes.AUTHENTIC_SIGNING_TIME);
      require(
          a.signingTime() == null,
          "signing scheme " + scheme + " must not carry " + SignedAttributes.SIGNING_TIME);
    } else {
      require(
          a.signingTime() != null,
          "signing scheme " + scheme + " requires " + SignedAttributes.SIGNING_TIME);
      require(
          a.authenticSigningTime() == null,
          "signing scheme "
              + scheme
              + " must not carry "
              + SignedAttributes.AUTHENTIC_SIGNING_TIME);
    }
    Instant signingTime = a.effectiveSigningTime();
    if (a.expiry() != null && !a.expiry().isAfter(signingTime)) {
      throw new InvalidEnvelopeException(
          "expiry " + a.expiry() + " is not after the signing time " + signingTime);
    }
    List<String> crit = a.critical();
    List<String> mustBeCritical = new ArrayList<>();
    mustBeCritical.add(SignedAttributes.SIGNING_SCHEME);
    if (a.expiry() != null) {
      mustBeCritical.add(SignedAttributes.EXPIRY);
    }
    if (authority) {
      mustBeCritical.add(SignedAttributes.AUTHENTIC_SIGNING_TIME);
    }
    if (a.verificationPlugin() != null) {
      mustBeCritical.add(SignedAttributes.VERIFICATION_PLUGIN);
    }
    if (a.verificationPluginMinVersion() != null) {
      mustBeCritical.add(SignedAttributes.VERIFICATION_PLUGIN_MIN_VERSION);
    }
    List<String> missing = mustBeCritical.stream().filter(n -> !crit.contains(n)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidEnvelopeException(
          "these required signed attributes are not marked as critical: " + missing);
    }
    for (String name : crit) {
      if (!header.containsKey(name)) {
        throw new InvalidEnvelopeException(
            "signed attribute \"" + name + "\" is marked critical but not present");
      }
    }
    if (a.verificationPluginMinVersion() != null && a.verificationPlugin() == null) {
      throw new InvalidEnvelopeException(
          SignedAttributes.VERIFICATION_PLUGIN_MIN_VERSION
              + " is present without "
              + SignedAttributes.VERIFICATION_PLUGIN);
    }
  }

  static void require(boolean ok, String message) throws InvalidEnvelopeException {
    if (!ok) {
      throw new InvalidEnvelopeException(message);
    }
  }
}
