package dev.imagegate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.oci.RegistryCredentials;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One resource to decide on, as an admission request or a CLI resource file presents it.
 *
 * @param resource the object ({@code request.object})
 * @param oldResource the previous object on UPDATE, else null
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param namespace the namespace ({@code ""} for cluster-scoped)
 * @param namespaceLabels labels of that namespace, for {@code namespaceSelector}
 * @param dryRun whether the API server will persist nothing (decide as usual; never record side
 *     effects)
 * @param uid admission uid, or a synthetic one in the CLI; appears in logs
 * @param registryCredentials credentials for this request only (the workload's pull secrets), keyed
 *     by registry as {@link dev.imagegate.oci.OciClient#withCredentials} takes them; every registry
 *     access of the request (tag resolution, signature discovery and fetch, Notary) consults them
 *     before the engine's docker config. Empty: the docker config alone. {@code toString} shows
 *     user names only.
 * @param requested the resource and subresource the admission request names; null when the whole
 *     object is evaluated (the CLI), then a rule naming a subresource matches as its parent
 */
public record ResourceRequest(
    JsonNode resource,
    @Nullable JsonNode oldResource,
    String operation,
    String namespace,
    Map<String, String> namespaceLabels,
    boolean dryRun,
    String uid,
    Map<String, RegistryCredentials> registryCredentials,
    @Nullable RequestedResource requested) {
  public ResourceRequest {
    namespaceLabels = namespaceLabels == null ? Map.of() : Map.copyOf(namespaceLabels);
    registryCredentials = registryCredentials == null ? Map.of() : Map.copyOf(registryCredentials);
  }

  /** A request without the admission request's resource (the whole object). */
  public ResourceRequest(
      JsonNode resource,
      @Nullable JsonNode oldResource,
      String operation,
      String namespace,
      Map<String, String> namespaceLabels,
      boolean dryRun,
      String uid,
      Map<String, RegistryCredentials> registryCredentials) {
    this(
        resource,
        oldResource,
        operation,
        namespace,
        namespaceLabels,
        dryRun,
        uid,
        registryCredentials,
        null);
  }

  /** A request without credentials of its own. */
  public ResourceRequest(
      JsonNode resource,
      @Nullable JsonNode oldResource,
      String operation,
      String namespace,
      Map<String, String> namespaceLabels,
      boolean dryRun,
      String uid) {
    this(resource, oldResource, operation, namespace, namespaceLabels, dryRun, uid, Map.of());
  }

  public static ResourceRequest create(JsonNode resource, String namespace) {
    return new ResourceRequest(resource, null, "CREATE", namespace, Map.of(), false, "cli");
  }

  /** This request with {@code credentials} (replacing any it had). */
  public ResourceRequest withRegistryCredentials(Map<String, RegistryCredentials> credentials) {
    return new ResourceRequest(
        resource,
        oldResource,
        operation,
        namespace,
        namespaceLabels,
        dryRun,
        uid,
        credentials,
        requested);
  }

  /** This request as an admission request for {@code requested}. */
  public ResourceRequest withRequested(@Nullable RequestedResource requested) {
    return new ResourceRequest(
        resource,
        oldResource,
        operation,
        namespace,
        namespaceLabels,
        dryRun,
        uid,
        registryCredentials,
        requested);
  }
}
