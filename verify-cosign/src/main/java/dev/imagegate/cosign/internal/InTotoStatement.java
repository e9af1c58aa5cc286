package dev.imagegate.cosign.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.base.UntrustedJson;
import dev.imagegate.oci.Digest;
import dev.imagegate.trust.Dsse;
import dev.imagegate.verify.Failure;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An in-toto Statement (v0.1 as {@code cosign attest} writes, v1 as cosign v3 {@code sign} writes),
 * parsed from a verified DSSE payload.
 */
public record InTotoStatement(
    String predicateType, JsonNode subjects, JsonNode predicate, JsonNode root) {
  private static final ObjectMapper JSON = UntrustedJson.mapper();
  private static final Set<String> TYPES =
      Set.of("https://in-toto.io/Statement/v0.1", "https://in-toto.io/Statement/v1");

  /** Bound on subjects examined. */
  static final int MAX_SUBJECTS = 1024;

  /** Parses the payload of a verified envelope: the statement, or why it is not one. */
  static Verdict<InTotoStatement> parse(Dsse.Envelope envelope) {
    if (!Dsse.IN_TOTO.equals(envelope.payloadType())) {
      return fail(
          Failure.Code.MALFORMED,
          "DSSE payloadType is '" + envelope.payloadType() + "', expected " + Dsse.IN_TOTO);
    }
    JsonNode root;
    try {
      root = JSON.readTree(envelope.payload());
    } catch (IOException e) {
      return fail(
          Failure.Code.MALFORMED,
          "in-toto statement is not JSON: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      return fail(Failure.Code.MALFORMED, "in-toto statement is not a JSON object");
    }
    String type = root.path("_type").asText("");
    if (!TYPES.contains(type)) {
      return fail(Failure.Code.MALFORMED, "unsupported in-toto statement _type '" + type + "'");
    }
    JsonNode subjects = root.get("subject");
    if (subjects == null || !subjects.isArray() || subjects.size() > MAX_SUBJECTS) {
      return fail(
          Failure.Code.MALFORMED,
          "in-toto statement has no subject list (or more than " + MAX_SUBJECTS + ")");
    }
    JsonNode predicate = root.get("predicate");
    if (predicate != null && predicate.isTextual()) {
      // Legacy custom predicates were stored as a JSON string; cosign decodes them the same way.
      try {
        predicate = JSON.readTree(predicate.asText());
      } catch (IOException notJson) {
        // keep the string predicate as it is
      }
    }
    return Verdict.ok(
        new InTotoStatement(root.path("predicateType").asText(""), subjects, predicate, root));
  }

  private static Verdict<InTotoStatement> fail(Failure.Code code, String message) {
    return Verdict.err(code, message);
  }

  /**
   * cosign's {@code IntotoSubjectClaimVerifier}: some subject's {@code digest.<alg>} equals the
   * image digest (subjects with other algorithms are skipped), and its annotations hold the
   * required pairs. Null when it holds, else the failure.
   */
  public @Nullable Failure checkSubject(Digest image, Map<String, String> requiredAnnotations) {
    Failure annotationFailure = null;
    for (JsonNode s : subjects) {
      if (!s.isObject()) {
        return new Failure(
            Failure.Code.MALFORMED, "in-toto statement has a null or non-object subject");
      }
      JsonNode hex = s.path("digest").get(image.algorithm());
      if (hex != null && hex.isTextual() && hex.asText().equals(image.hex())) {
        Failure f =
            Annotations.check(requiredAnnotations, s.get("annotations"), "statement subject");
        if (f == null) {
          return null;
        }
        annotationFailure = f;
      }
    }
    if (annotationFailure != null) {
      return annotationFailure;
    }
    return new Failure(
        Failure.Code.SUBJECT_MISMATCH,
        "no statement subject has digest " + image + " (subjects: " + describeSubjects() + ")");
  }

  private String describeSubjects() {
    StringBuilder b = new StringBuilder();
    int n = 0;
    for (JsonNode s : subjects) {
      if (n++ == 3) {
        b.append(", ...");
        break;
      }
      if (b.length() > 0) {
        b.append(", ");
      }
      JsonNode d = s.path("digest");
      b.append(d.has("sha256") ? "sha256:" + d.get("sha256").asText() : d.toString());
    }
    return b.length() == 0 ? "none" : b.toString();
  }
}
