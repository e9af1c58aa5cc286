package dev.imagegate.notation.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.base.UntrustedJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** JWS JSON flattened serialization as the Notary JWS envelope specification restricts it. */
final class JwsEnvelopeParser {
  private static final ObjectMapper JSON = UntrustedJson.mapper();
  private static final Set<String> MEMBERS = Set.of("payload", "protected", "header", "signature");

  /** Registered JOSE header names: never extended attributes, never allowed in {@code crit}. */
  private static final Set<String> REGISTERED =
      Set.of(
          "alg",
          "jku",
          "jwk",
          "kid",
          "x5u",
          "x5c",
          "x5t",
          "x5t#S256",
          "typ",
          "cty",
          "crit",
          "b64",
          "zip",
          "enc");

  private JwsEnvelopeParser() {}

  static Envelope parse(byte[] bytes) throws InvalidEnvelopeException {
    JsonNode root = readJson(bytes, "envelope");
    if (!root.isObject()) {
      throw new InvalidEnvelopeException("JWS envelope is not a JSON object");
    }
    if (root.has("signatures")) {
      throw new InvalidEnvelopeException(
          "JWS general serialization (\"signatures\") is not supported; only the flattened form is");
    }
    for (var it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!MEMBERS.contains(name)) {
        throw new InvalidEnvelopeException(
            "unexpected member \"" + name + "\" in the JWS envelope");
      }
    }
    String protectedB64 = text(root, "protected");
    String payloadB64 = text(root, "payload");
    String signatureB64 = text(root, "signature");
    byte[] protectedBytes = base64Url(protectedB64, "protected");
    byte[] payload = base64Url(payloadB64, "payload");
    byte[] signature = base64Url(signatureB64, "signature");
    if (signature.length == 0) {
      throw new InvalidEnvelopeException("signature is empty");
    }
    if (payload.length > EnvelopeLimits.MAX_PAYLOAD_BYTES) {
      throw new InvalidEnvelopeException(
          "payload is "
              + payload.length
              + " bytes, more than the limit of "
              + EnvelopeLimits.MAX_PAYLOAD_BYTES);
    }
    JsonNode header = readJson(protectedBytes, "protected header");
    if (!header.isObject()) {
      throw new InvalidEnvelopeException("protected header is not a JSON object");
    }
    NotaryAlgorithm alg = NotaryAlgorithm.fromJws(header.path("alg").asText(null));
    if (alg == null) {
      throw new InvalidEnvelopeException(
          "signature algorithm \""
              + header.path("alg").asText("")
              + "\" is not supported"
              + " (expected PS256, PS384, PS512, ES256, ES384 or ES512)");
    }
    SignedAttributes signed = signedAttributes((ObjectNode) header);
    Map<String, Object> presence = new LinkedHashMap<>();
    header.fieldNames().forEachRemaining(n -> presence.put(n, Boolean.TRUE));
    EnvelopeParser.checkSignedAttributes(signed, presence);

    JsonNode unprotected = root.get("header");
    if (unprotected == null || !unprotected.isObject()) {
      throw new InvalidEnvelopeException("unprotected \"header\" is missing or not an object");
    }
    JsonNode x5c = unprotected.get("x5c");
    if (x5c == null || !x5c.isArray()) {
      throw new InvalidEnvelopeException("unprotected header has no \"x5c\" certificate chain");
    }
    List<byte[]> ders = new ArrayList<>();
    for (JsonNode c : x5c) {
      if (ders.size() > EnvelopeLimits.MAX_CHAIN_CERTIFICATES) {
        break; // reported by EnvelopeParser.certificates
      }
      ders.add(base64Std(c.asText(""), "x5c entry"));
    }
    byte[] timestamp = null;
    JsonNode ts = unprotected.get(SignedAttributes.TIMESTAMP_SIGNATURE);
    if (ts != null) {
      timestamp = base64Std(ts.asText(""), SignedAttributes.TIMESTAMP_SIGNATURE);
    }
    JsonNode agent = unprotected.get(SignedAttributes.SIGNING_AGENT);
    byte[] signingInput = (protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII);
    return new Envelope(
        EnvelopeParser.JWS,
        alg,
        signed,
        payload,
        signingInput,
        signature,
        EnvelopeParser.certificates(ders),
        timestamp,
        agent == null ? null : agent.asText());
  }

  private static SignedAttributes signedAttributes(ObjectNode h) throws InvalidEnvelopeException {
    JsonNode crit = h.get("crit");
    if (crit == null) {
      throw new InvalidEnvelopeException("missing \"crit\" header");
    }
    if (!crit.isArray() || crit.isEmpty()) {
      throw new InvalidEnvelopeException(
          "\"crit\" header must be a non-empty array of attribute names");
    }
    List<String> critical = new ArrayList<>();
    for (JsonNode c : crit) {
      if (!c.isTextual()) {
        throw new InvalidEnvelopeException("\"crit\" header contains a non-string entry");
      }
      if (REGISTERED.contains(c.asText())) {
        throw new InvalidEnvelopeException(
            "\"crit\" header must not list the registered header \"" + c.asText() + "\"");
      }
      critical.add(c.asText());
    }
    Map<String, String> extended = new LinkedHashMap<>();
    for (var it = h.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!REGISTERED.contains(e.getKey()) && !SignedAttributes.KNOWN_NOTARY.contains(e.getKey())) {
        extended.put(
            e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
      }
    }
    JsonNode cty = h.get("cty");
    return SignedAttributes.read(
        cty == null ? null : cty.asText(),
        name -> optionalText(h, name),
        name -> time(h, name),
        extended,
        critical);
  }

  private static @Nullable String optionalText(JsonNode h, String name)
      throws InvalidEnvelopeException {
    JsonNode n = h.get(name);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw new InvalidEnvelopeException("signed attribute " + name + " must be a string");
    }
    return n.asText();
  }

  private static @Nullable Instant time(JsonNode h, String name) throws InvalidEnvelopeException {
    String s = optionalText(h, name);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidEnvelopeException(
          "signed attribute " + name + " \"" + s + "\" is not an RFC 3339 time");
    }
  }

  private static JsonNode readJson(byte[] bytes, String what) throws InvalidEnvelopeException {
    try {
      return JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new InvalidEnvelopeException(what + " is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new InvalidEnvelopeException(what + " cannot be read: " + e.getMessage());
    }
  }

  private static String text(JsonNode root, String member) throws InvalidEnvelopeException {
    JsonNode n = root.get(member);
    if (n == null || !n.isTextual()) {
      throw new InvalidEnvelopeException(
          "JWS envelope member \"" + member + "\" is missing or not a string");
    }
    return n.asText();
  }

  /**
   * Unpadded base64url (RFC 7515 section 2): padding or any other alphabet makes the envelope
   * invalid.
   */
  private static byte[] base64Url(String s, String member) throws InvalidEnvelopeException {
    int bad = firstOutside(s, true);
    if (bad >= 0) {
      throw new InvalidEnvelopeException(
          "\""
              + member
              + "\" is not unpadded base64url: illegal character '"
              + s.charAt(bad)
              + "' at index "
              + bad);
    }
    try {
      return Base64.getUrlDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidEnvelopeException(
          "\"" + member + "\" is not valid base64url: " + e.getMessage());
    }
  }

  private static byte[] base64Std(String s, String what) throws InvalidEnvelopeException {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidEnvelopeException(what + " is not valid base64: " + e.getMessage());
    }
  }

  private static int firstOutside(String s, boolean url) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || (url ? (c == '-' || c == '_') : (c == '+' || c == '/'));
      if (!ok) {
        return i;
      }
    }
    return -1;
  }
}
