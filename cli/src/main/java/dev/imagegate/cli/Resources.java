package dev.imagegate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.engine.PatchOperation;
import java.util.List;

/** Small helpers for resources in CLI output. */
final class Resources {
  private Resources() {}

  /** {@code Kind/namespace/name}, as kyverno apply names resources. */
  static String describe(JsonNode r) {
    String ns = r.path("metadata").path("namespace").asText("");
    return r.path("kind").asText("?")
        + "/"
        + (ns.isEmpty() ? "default/" : ns + "/")
        + r.path("metadata").path("name").asText("?");
  }

  /** Applies the engine's add/replace patch operations to a copy of the resource. */
  static JsonNode apply(JsonNode resource, List<PatchOperation> ops) {
    JsonNode copy = resource.deepCopy();
    for (PatchOperation op : ops) {
      int slash = op.path().lastIndexOf('/');
      String field = op.path().substring(slash + 1).replace("~1", "/").replace("~0", "~");
      JsonNode parent = slash == 0 ? copy : copy.at(op.path().substring(0, slash));
      if (parent instanceof ObjectNode o) {
        o.set(field, op.value());
      } else if (parent instanceof ArrayNode a) {
        a.set(Integer.parseInt(field), op.value());
      }
    }
    return copy;
  }
}
