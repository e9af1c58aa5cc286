package dev.imagegate.cosign.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.verify.Failure;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks required annotations ({@code -a k=v}) against a signed annotation map: every pair must be
 * present and equal.
 */
final class Annotations {
  private Annotations() {}

  /** Null when all required pairs match, else a failure naming the first key that differs. */
  static @Nullable Failure check(
      Map<String, String> required, @Nullable JsonNode signed, String where) {
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(required).entrySet()) {
      JsonNode found = signed == null || !signed.isObject() ? null : signed.get(e.getKey());
      if (found == null || found.isNull()) {
        return mismatch(e, "but the " + where + " has no such annotation");
      }
      String value = found.isTextual() ? found.asText() : found.toString();
      if (!value.equals(e.getValue())) {
        return mismatch(e, "found '" + value + "'");
      }
    }
    return null;
  }

  private static Failure mismatch(Map.Entry<String, String> required, String instead) {
    return new Failure(
        Failure.Code.ANNOTATION_MISMATCH,
        "annotation " + required.getKey() + ": expected '" + required.getValue() + "', " + instead);
  }
}
