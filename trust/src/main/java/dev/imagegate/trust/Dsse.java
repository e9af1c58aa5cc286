package dev.imagegate.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.base.UntrustedJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Dead Simple Signing Envelope (DSSE v1): envelope parsing and the pre-authentication encoding
 * (PAE).
 */
public final class Dsse {
  /** The in-toto payload type cosign requires. */
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  private static final ObjectMapper JSON = UntrustedJson.mapper();

  /** Bound on signatures examined in one envelope. */
  public static final int MAX_SIGNATURES = 16;

  private Dsse() {}

  /** One signature of an envelope. */
  public record Sig(String keyId, byte[] sig, String sigBase64) {}

  /** A parsed envelope; {@code payload} is the base64-decoded body. */
  public record Envelope(String payloadType, byte[] payload, List<Sig> signatures) {
    public byte[] pae() {
      return Dsse.pae(payloadType, payload);
    }
  }

  /**
   * Parses an envelope from JSON; throws {@link IllegalArgumentException} with a precise reason
   * when malformed.
   */
  public static Envelope parse(byte[] json) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("DSSE envelope is not JSON: " + e.getMessage(), e);
    }
    return fromJson(n);
  }

  public static Envelope fromJson(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("DSSE envelope is not a JSON object");
    }
    String type = text(n, "payloadType");
    byte[] payload = b64(text(n, "payload"), "payload");
    JsonNode sigs = n.get("signatures");
    if (sigs == null || !sigs.isArray() || sigs.isEmpty()) {
      throw new IllegalArgumentException("DSSE envelope has no signatures");
    }
    if (sigs.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "DSSE envelope has " + sigs.size() + " signatures, more than " + MAX_SIGNATURES);
    }
    List<Sig> out = new ArrayList<>();
    for (JsonNode s : sigs) {
      String sig = text(s, "sig");
      out.add(new Sig(s.path("keyid").asText(""), b64(sig, "signature"), sig));
    }
    return new Envelope(type, payload, List.copyOf(out));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(
          "DSSE envelope field '" + field + "' is missing or not a string");
    }
    return v.asText();
  }

  private static byte[] b64(String s, String what) {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      try {
        return Base64.getUrlDecoder().decode(s); // DSSE allows either alphabet
      } catch (IllegalArgumentException e2) {
        throw new IllegalArgumentException("DSSE " + what + " is not valid base64", e2);
      }
    }
  }

  /**
   * {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths as ASCII decimal byte
   * counts.
   */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }
}
