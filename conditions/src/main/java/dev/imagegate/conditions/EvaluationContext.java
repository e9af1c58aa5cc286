package dev.imagegate.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the JSON document that {@code {{ }}} expressions see, shaped like Kyverno's context:
 * {@code request.object}, {@code request.operation}, {@code request.namespace}, {@code images},
 * {@code element}, named context entries, and, for attestation conditions, the predicate's fields
 * merged at the top level ({@code {{ repo.uri }}}).
 */
public final class EvaluationContext {
  private final ObjectNode root = JsonNodeFactory.instance.objectNode();

  public static EvaluationContext create() {
    return new EvaluationContext();
  }

  public EvaluationContext request(JsonNode object, String operation, @Nullable String namespace) {
    ObjectNode request = root.putObject("request");
    request.set("object", object == null ? JsonNodeFactory.instance.nullNode() : object);
    request.put("operation", operation);
    if (namespace != null) {
      request.put("namespace", namespace);
    }
    return this;
  }

  /**
   * Adds or replaces a top-level entry (a context variable such as a ConfigMap, {@code images},
   * {@code element}).
   */
  public EvaluationContext put(String name, JsonNode value) {
    root.set(name, value);
    return this;
  }

  /**
   * Merges the fields of {@code object} at the top level (Kyverno adds attestation predicates this
   * way).
   */
  public EvaluationContext merge(JsonNode object) {
    if (object != null && object.isObject()) {
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        root.set(e.getKey(), e.getValue());
      }
    }
    return this;
  }

  /** A copy, so that per-image or per-attestation additions do not leak into the shared context. */
  public EvaluationContext copy() {
    EvaluationContext c = new EvaluationContext();
    c.root.setAll(root.deepCopy());
    return c;
  }

  public JsonNode toJson() {
    return root;
  }
}
