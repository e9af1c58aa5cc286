package dev.imagegate.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an unexpected answer into a precise {@link RegistryException}, using the registry's error
 * body.
 */
final class RegistryErrors {
  private static final int MAX_SHOWN_ERRORS = 5;
  private static final int MAX_TEXT = 200;

  private RegistryErrors() {}

  /**
   * The {@code errors[].code} values of a distribution-spec error body (empty when there are none).
   */
  static List<String> codes(byte[] body) {
    List<String> codes = new ArrayList<>();
    for (String[] e : errors(body)) {
      codes.add(e[0]);
    }
    return codes;
  }

  static RegistryException of(String description, RegistryResponse r) {
    String detail = describeBody(r);
    String message = description + ": " + r.status() + (detail.isEmpty() ? "" : " " + detail);
    return new RegistryException(kindOf(r.status()), r.status(), message, null);
  }

  static Kind kindOf(int status) {
    return switch (status) {
      case 401 -> Kind.UNAUTHORIZED;
      case 403 -> Kind.DENIED;
      case 404 -> Kind.NOT_FOUND;
      case 413 -> Kind.TOO_LARGE;
      case 429, 503 -> Kind.RATE_LIMITED;
      default -> status >= 500 ? Kind.NETWORK : Kind.PROTOCOL;
    };
  }

  /** "CODE message; CODE message" from the JSON error body, else the first line of a text body. */
  static String describeBody(RegistryResponse r) {
    List<String[]> errors = errors(r.body());
    if (!errors.isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (String[] e : errors.subList(0, Math.min(errors.size(), MAX_SHOWN_ERRORS))) {
        parts.add(e[0] + (e[1].isEmpty() ? "" : " " + e[1]));
      }
      // The whole text is capped, not each part.
      return printable(
          String.join("; ", parts) + (errors.size() > MAX_SHOWN_ERRORS ? "; ..." : ""));
    }
    String text = new String(r.body(), StandardCharsets.UTF_8).strip();
    int nl = text.indexOf('\n');
    text = nl < 0 ? text : text.substring(0, nl);
    return printable(text);
  }

  private static List<String[]> errors(byte[] body) {
    List<String[]> out = new ArrayList<>();
    if (body.length == 0 || body[0] != '{') {
      return out;
    }
    try {
      JsonNode errors = Json.read(body).get("errors");
      if (errors != null && errors.isArray()) {
        for (JsonNode e : errors) {
          String code = e.path("code").asText("");
          String message = e.path("message").asText("");
          out.add(new String[] {printable(code), printable(message)});
        }
      }
    } catch (IOException notJson) {
      // a truncated or non-JSON body: the caller shows the text instead
    }
    return out;
  }

  /**
   * Registry text goes into logs and admission messages: keep it short and free of control
   * characters.
   */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < MAX_TEXT; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    return b.length() < s.length() ? b + "..." : b.toString();
  }
}
