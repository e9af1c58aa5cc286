package dev.imagegate.sigstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.base.UntrustedJson;
import java.io.IOException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Strict JSON reading for untrusted documents: bounded nesting and strings, duplicate keys rejected
 * (a verifier and a signer must never read different values from the same document). Protobuf-JSON
 * helpers accept what proto3 JSON allows: int64 as string or number, standard or URL-safe base64.
 */
public final class Json {
  /** The shared untrusted-JSON mapper (bounded nesting, size, strings, numbers; no duplicates). */
  private static final ObjectMapper MAPPER = UntrustedJson.mapper();

  private Json() {}

  /**
   * Thrown for a JSON document that does not have the expected shape; callers wrap it into their
   * own failure.
   */
  public static final class ShapeException extends Exception {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
      super(message);
    }

    public ShapeException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static JsonNode read(byte[] json, String what) throws ShapeException {
    try {
      JsonNode n = MAPPER.readTree(json);
      if (n == null || n.isMissingNode()) {
        throw new ShapeException(what + " is empty");
      }
      return n;
    } catch (IOException e) {
      throw new ShapeException(what + " is not valid JSON: " + firstLine(e.getMessage()), e);
    }
  }

  public static JsonNode object(JsonNode parent, String field, String where) throws ShapeException {
    JsonNode n = parent.get(field);
    if (n == null || !n.isObject()) {
      throw new ShapeException(where + "." + field + " is missing or not an object");
    }
    return n;
  }

  public static String text(JsonNode parent, String field, String where) throws ShapeException {
    JsonNode n = parent.get(field);
    if (n == null || !n.isTextual()) {
      throw new ShapeException(where + "." + field + " is missing or not a string");
    }
    return n.asText();
  }

  /** A proto3 int64: JSON string or integral number. Returns {@code dflt} when absent. */
  public static long int64(JsonNode parent, String field, String where, long dflt)
      throws ShapeException {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return dflt;
    }
    try {
      if (n.isTextual()) {
        return Long.parseLong(n.asText());
      }
      if (n.isIntegralNumber() && n.canConvertToLong()) {
        return n.asLong();
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ShapeException(
        where + "." + field + " is not an integer: " + abbreviate(n.toString()));
  }

  public static byte[] base64(JsonNode parent, String field, String where) throws ShapeException {
    return base64(text(parent, field, where), where + "." + field);
  }

  /**
   * Line breaks are ignored, as Go's decoder (protojson) ignores them; anything else outside the
   * alphabet fails.
   */
  public static byte[] base64(String s, String what) throws ShapeException {
    if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      s = s.replace("\r", "").replace("\n", "");
    }
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      try {
        return Base64.getUrlDecoder().decode(s);
      } catch (IllegalArgumentException e2) {
        throw new ShapeException(what + " is not valid base64", e2);
      }
    }
  }

  public static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
