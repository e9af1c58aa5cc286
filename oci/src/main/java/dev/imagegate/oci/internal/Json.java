package dev.imagegate.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.base.UntrustedJson;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** The one JSON reader of this module. */
final class Json {
  /**
   * The shared untrusted-JSON mapper: duplicate keys are refused (a digest-verified manifest must
   * mean one thing, and parsers that keep the first or the last duplicate would disagree about it),
   * nesting, size, string and number lengths are bounded.
   */
  static final ObjectMapper MAPPER = UntrustedJson.mapper();

  private Json() {}

  static JsonNode read(byte[] bytes) throws IOException {
    JsonNode node = MAPPER.readTree(bytes);
    if (node == null || node.isMissingNode()) {
      throw new IOException("empty document");
    }
    return node;
  }

  /** Text of a member, or null when absent; a present non-text member is an error. */
  static @Nullable String text(JsonNode node, String field) throws IOException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IOException("'" + field + "' is not a string");
    }
    return v.asText();
  }
}
