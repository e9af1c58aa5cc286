package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.engine.PatchOperation;
import dev.imagegate.engine.PooledJson;
import dev.imagegate.engine.RequestedResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads AdmissionReview requests and writes AdmissionReview responses ({@code
 * admission.k8s.io/v1}). Parsing is bounded: nesting depth and string lengths are capped so that a
 * hostile body cannot exhaust the stack.
 */
public final class AdmissionReviewCodec {
  static final String API_VERSION = "admission.k8s.io/v1";
  private static final int MAX_WARNINGS = 32;
  private static final int MAX_WARNING_CHARS = 512;

  private final ObjectMapper json;

  public AdmissionReviewCodec(int maxJsonDepth) {
    // its own factory: the depth limit below is this codec's
    this.json = PooledJson.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    json.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(maxJsonDepth)
                .maxStringLength(WebhookLimits.MAX_STRING_CHARS)
                .build());
  }

  public ObjectMapper mapper() {
    return json;
  }

  /**
   * Parses a body into a request, or throws {@link BadRequestException} (400) saying what is wrong.
   */
  public AdmissionRequest parse(byte[] body) {
    JsonNode root = readTree(body);
    if (!root.isObject()) {
      throw new BadRequestException(400, "expected an AdmissionReview object");
    }
    String apiVersion = root.path("apiVersion").asText("");
    if (!API_VERSION.equals(apiVersion)
        || !"AdmissionReview".equals(root.path("kind").asText(""))) {
      throw new BadRequestException(
          400,
          "expected kind AdmissionReview of apiVersion "
              + API_VERSION
              + ", got kind '"
              + root.path("kind").asText("")
              + "' of apiVersion '"
              + apiVersion
              + "'");
    }
    JsonNode request = root.path("request");
    if (!request.isObject()) {
      throw new BadRequestException(400, "AdmissionReview has no request");
    }
    String uid = requiredText(request, "uid");
    JsonNode kind = request.path("kind");
    if (!kind.isObject()) {
      throw new BadRequestException(400, "request.kind is missing");
    }
    String operation = requiredText(request, "operation");
    JsonNode object = objectOrNull(request, "object");
    JsonNode oldObject = objectOrNull(request, "oldObject");
    if (object == null && !operation.equals("DELETE") && !operation.equals("CONNECT")) {
      throw new BadRequestException(400, "request.object is missing for operation " + operation);
    }
    String name = request.path("name").asText("");
    if (name.isEmpty() && object != null) {
      JsonNode metadata = object.path("metadata");
      name = metadata.path("name").asText("");
      if (name.isEmpty() && !metadata.path("generateName").asText("").isEmpty()) {
        name = metadata.path("generateName").asText() + "*";
      }
    }
    return new AdmissionRequest(
        uid,
        kind.path("group").asText(""),
        requiredText(kind, "version"),
        requiredText(kind, "kind"),
        request.path("namespace").asText(""),
        name,
        operation,
        object,
        oldObject,
        request.path("dryRun").asBoolean(false),
        requested(request));
  }

  /**
   * {@code request.resource} and {@code request.subResource}; null when the review names no
   * resource (then the engine evaluates the whole object, as the CLI does).
   */
  private static @Nullable RequestedResource requested(JsonNode request) {
    JsonNode resource = request.path("resource");
    String plural = resource.path("resource").asText("");
    if (plural.isEmpty()) {
      return null;
    }
    return new RequestedResource(
        resource.path("group").asText(""),
        resource.path("version").asText(""),
        plural,
        request.path("subResource").asText(""));
  }

  private JsonNode readTree(byte[] body) {
    if (body.length == 0) {
      throw new BadRequestException(400, "empty request body; expected an AdmissionReview");
    }
    try {
      return json.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new BadRequestException(
          400, "request body exceeds parser limits: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new BadRequestException(
          400,
          "malformed JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadRequestException(400, "unreadable request body: " + e.getMessage());
    }
  }

  private static String requiredText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new BadRequestException(400, "field '" + field + "' is missing or not a string");
    }
    return value.asText();
  }

  private static @Nullable JsonNode objectOrNull(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw new BadRequestException(400, "request." + field + " must be an object");
    }
    return value;
  }

  /**
   * The AdmissionReview answered to the API server. {@code patches} are sent only when non-empty.
   */
  public byte[] response(AdmissionAnswer answer) {
    ObjectNode root = json.createObjectNode();
    root.put("apiVersion", API_VERSION);
    root.put("kind", "AdmissionReview");
    ObjectNode response = root.putObject("response");
    response.put("uid", answer.uid());
    response.put("allowed", answer.allowed());
    if (!answer.allowed()) {
      ObjectNode status = response.putObject("status");
      status.put("code", 403);
      status.put(
          "message",
          answer.message() == null ? "denied by imagegate" : AnswerText.scrub(answer.message()));
    }
    if (!answer.patches().isEmpty()) {
      response.put("patchType", "JSONPatch");
      response.put("patch", Base64.getEncoder().encodeToString(patchBytes(answer.patches())));
    }
    List<String> warnings = answer.warnings();
    if (!warnings.isEmpty()) {
      ArrayNode array = response.putArray("warnings");
      warnings.stream()
          .limit(MAX_WARNINGS)
          .map(AnswerText::scrub)
          .map(AdmissionReviewCodec::clip)
          .forEach(array::add);
    }
    return toBytes(root);
  }

  private byte[] patchBytes(List<PatchOperation> patches) {
    ArrayNode array = json.createArrayNode();
    for (PatchOperation patch : patches) {
      ObjectNode op = array.addObject();
      op.put("op", patch.op());
      op.put("path", patch.path());
      if (!"remove".equals(patch.op())) {
        op.set("value", patch.value());
      }
    }
    return toBytes(array);
  }

  public byte[] toBytes(JsonNode node) {
    try {
      return json.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }

  /** {@code {"error": "..."}} bodies for 4xx/5xx answers. */
  public byte[] error(@Nullable String message) {
    ObjectNode node = json.createObjectNode();
    node.put("error", AnswerText.scrub(message));
    return toBytes(node);
  }

  private static String clip(String warning) {
    return warning.length() <= MAX_WARNING_CHARS
        ? warning
        : warning.substring(0, MAX_WARNING_CHARS - 3) + "...";
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
