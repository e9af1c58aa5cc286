package dev.imagegate.sigstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.sigstore.CertificateAuthority;
import dev.imagegate.sigstore.TimeRange;
import dev.imagegate.sigstore.TransparencyLog;
import dev.imagegate.sigstore.TrustedRoot;
import dev.imagegate.trust.Certificates;
import dev.imagegate.trust.Pem;
import dev.imagegate.trust.PublicKeys;
import dev.imagegate.trust.TrustMaterialException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code trusted_root.json} (protobuf-specs {@code TrustedRoot}, proto3 JSON) into {@link
 * TrustedRoot}.
 */
public final class TrustedRootParser {
  private static final Set<String> MEDIA_TYPES =
      Set.of(
          "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
          "application/vnd.dev.sigstore.trustedroot.v0.1+json",
          "application/vnd.dev.sigstore.trustedroot.v0.2+json",
          "application/vnd.dev.sigstore.trustedroot+json;version=0.2");
  private static final int MAX_BYTES = 4 * 1024 * 1024;
  private static final int MAX_ITEMS = 256;

  private TrustedRootParser() {}

  public static TrustedRoot parse(byte[] json) {
    if (json.length > MAX_BYTES) {
      throw new TrustMaterialException(
          "trusted root is " + json.length + " bytes, more than the limit " + MAX_BYTES);
    }
    try {
      JsonNode root = Json.read(json, "trusted root");
      String mediaType = Json.text(root, "mediaType", "trustedRoot");
      if (!MEDIA_TYPES.contains(mediaType)) {
        throw new TrustMaterialException(
            "unsupported trusted root media type '" + Json.abbreviate(mediaType) + "'");
      }
      return new TrustedRoot(
          list(root, "tlogs", TrustedRootParser::log),
          list(root, "certificateAuthorities", TrustedRootParser::ca),
          list(root, "ctlogs", TrustedRootParser::log),
          list(root, "timestampAuthorities", TrustedRootParser::ca));
    } catch (Json.ShapeException e) {
      throw new TrustMaterialException("malformed trusted root: " + e.getMessage(), e);
    }
  }

  /** Reads one item of a trusted-root list; {@code where} names it in messages. */
  private interface ItemReader<T> {
    T read(JsonNode item, String where) throws Json.ShapeException;
  }

  /** The items of the list {@code field} (absent or null: none), each read by {@code reader}. */
  private static <T> List<T> list(JsonNode root, String field, ItemReader<T> reader)
      throws Json.ShapeException {
    JsonNode list = root.get(field);
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray() || list.size() > MAX_ITEMS) {
      throw new Json.ShapeException(field + " is not an array of at most " + MAX_ITEMS + " items");
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(reader.read(list.get(i), field + "[" + i + "]"));
    }
    return out;
  }

  private static TransparencyLog log(JsonNode log, String where) throws Json.ShapeException {
    JsonNode pk = Json.object(log, "publicKey", where);
    PublicKey key;
    try {
      byte[] raw = Json.base64(pk, "rawBytes", where + ".publicKey");
      // PKCS1_* key details carry a bare PKCS#1 RSAPublicKey rather than a SubjectPublicKeyInfo.
      key =
          pk.path("keyDetails").asText("").startsWith("PKCS1_")
              ? PublicKeys.parse(Pem.encode("RSA PUBLIC KEY", raw))
              : PublicKeys.fromSpki(raw);
    } catch (TrustMaterialException e) {
      throw new TrustMaterialException(
          "malformed trusted root: " + where + ".publicKey: " + e.getMessage(), e);
    }
    byte[] logId = Json.base64(Json.object(log, "logId", where), "keyId", where + ".logId");
    TimeRange validFor = validFor(pk, where + ".publicKey");
    return new TransparencyLog(log.path("baseUrl").asText(""), key, logId, validFor);
  }

  private static CertificateAuthority ca(JsonNode ca, String where) throws Json.ShapeException {
    JsonNode certs = Json.object(ca, "certChain", where).get("certificates");
    if (certs == null || !certs.isArray() || certs.isEmpty() || certs.size() > 16) {
      throw new TrustMaterialException(
          "malformed trusted root: "
              + where
              + ".certChain.certificates must list 1 to 16 certificates");
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (int j = 0; j < certs.size(); j++) {
      chain.add(
          Certificates.parse(
              Json.base64(certs.get(j), "rawBytes", where + ".certChain.certificates[" + j + "]")));
    }
    return new CertificateAuthority(ca.path("uri").asText(""), chain, validFor(ca, where));
  }

  /**
   * A missing {@code validFor} leaves the instance valid at all times, as the protobuf comments
   * allow; a {@code validFor} without {@code start} is malformed (conformance {@code
   * trust-root-tlog-missing-validity-start}).
   */
  private static TimeRange validFor(JsonNode parent, String where) throws Json.ShapeException {
    JsonNode v = parent.get("validFor");
    if (v == null || v.isNull()) {
      return TimeRange.ALWAYS;
    }
    if (!v.isObject() || !v.hasNonNull("start")) {
      throw new TrustMaterialException(
          "malformed trusted root: " + where + ".validFor has no start");
    }
    Instant start = time(v, "start", where);
    Instant end = v.hasNonNull("end") ? time(v, "end", where) : null;
    try {
      return new TimeRange(start, end);
    } catch (IllegalArgumentException e) {
      throw new TrustMaterialException(
          "malformed trusted root: " + where + ".validFor: " + e.getMessage(), e);
    }
  }

  private static Instant time(JsonNode v, String field, String where) throws Json.ShapeException {
    String s = Json.text(v, field, where + ".validFor");
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new TrustMaterialException(
          "malformed trusted root: "
              + where
              + ".validFor."
              + field
              + " is not RFC 3339: '"
              + s
              + "'",
          e);
    }
  }
}
