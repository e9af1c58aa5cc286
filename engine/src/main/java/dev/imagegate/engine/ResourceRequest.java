package dev.imagegate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One resource to decide on, as an admission request or a CLI resource file presents it.
 *
 * @param resource the object ({@code request.object})
 * @param oldResource the previous object on UPDATE, else null
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param namespace the namespace ({@code ""} for cluster-scoped)
 * @param namespaceLabels labels of that namespace, for {@code namespaceSelector}
 * @param dryRun whether the API server will persist nothing (decide as usual; never record side effects)
 * @param uid admission uid, or a synthetic one in the CLI; appears in logs
 */
public record ResourceRequest(JsonNode resource, JsonNode oldResource, String operation, String namespace,
                              Map<String, String> namespaceLabels, boolean dryRun, String uid) {
  public ResourceRequest {
    namespaceLabels = namespaceLabels == null ? Map.of() : Map.copyOf(namespaceLabels);
  }

  public static ResourceRequest create(JsonNode resource, String namespace) {
    return new ResourceRequest(resource, null, "CREATE", namespace, Map.of(), false, "cli");
  }
}
