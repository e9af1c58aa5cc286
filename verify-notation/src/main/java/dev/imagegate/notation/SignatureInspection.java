package dev.imagegate.notation;

import dev.imagegate.notation.internal.EnvelopeInspector;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code notation inspect} shows for one signature: nothing here is verified; it describes the
 * envelope as found.
 *
 * @param signatureAlgorithm e.g. {@code RSASSA-PSS-SHA-256}
 * @param signedAttributes {@code signingScheme}, {@code signingTime}/{@code authenticSigningTime},
 *     {@code expiry}, plugin attributes and extended attributes, in that order
 * @param userDefinedAttributes the signed {@code targetArtifact.annotations}
 * @param unsignedAttributes {@code signingAgent} when present
 * @param certificates envelope chain, leaf first
 * @param timestamp the countersignature as found, or null
 * @param signedArtifact the signed descriptor, or null when the payload cannot be decoded
 */
public record SignatureInspection(
    String mediaType,
    String signatureAlgorithm,
    Map<String, String> signedAttributes,
    Map<String, String> userDefinedAttributes,
    Map<String, String> unsignedAttributes,
    List<CertificateInfo> certificates,
    @Nullable TimestampInfo timestamp,
    @Nullable ArtifactDescriptor signedArtifact) {
  public SignatureInspection {
    signedAttributes =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(signedAttributes));
    userDefinedAttributes = Map.copyOf(userDefinedAttributes);
    unsignedAttributes = Map.copyOf(unsignedAttributes);
    certificates = List.copyOf(certificates);
  }

  /** One certificate as {@code notation inspect} lists it. */
  public record CertificateInfo(
      String sha256Fingerprint, String issuedTo, String issuedBy, Instant expiry) {}

  /** An RFC 3161 countersignature as found (not verified). */
  public record TimestampInfo(
      @Nullable Instant timestamp,
      @Nullable String accuracy,
      List<CertificateInfo> certificates,
      @Nullable String error) {}

  /** Inspection result: the description, or why the bytes are not a readable Notary envelope. */
  public sealed interface Outcome {
    record Inspected(SignatureInspection inspection) implements Outcome {}

    record Unreadable(@Nullable String reason) implements Outcome {}
  }

  public static Outcome inspect(byte[] envelope, String mediaType) {
    return EnvelopeInspector.inspect(envelope, mediaType);
  }
}
