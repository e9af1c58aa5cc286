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

  /** The CLI's request: {@code resource} created in {@code namespace}, nothing else known. */
  public static ResourceRequest create(JsonNode resource, String namespace) {
    return builder(resource).namespace(namespace).build();
  }

  /**
   * A request for {@code resource} that starts as {@link #create}'s (CREATE, uid {@code cli}, no
   * namespace, labels, credentials or requested resource); every other way to build one goes
   * through it, so the record's long parameter list is written out in one place only.
   */
  public static Builder builder(JsonNode resource) {
    return new Builder(resource);
  }

  /** A builder holding this request's values, for a copy that differs in some of them. */
  public Builder toBuilder() {
    return builder(resource)
        .oldResource(oldResource)
        .operation(operation)
        .namespace(namespace)
        .namespaceLabels(namespaceLabels)
        .dryRun(dryRun)
        .uid(uid)
        .registryCredentials(registryCredentials)
        .requested(requested);
  }

  /** This request with {@code credentials} (replacing any it had). */
  public ResourceRequest withRegistryCredentials(Map<String, RegistryCredentials> credentials) {
    return toBuilder().registryCredentials(credentials).build();
  }

  /** This request as an admission request for {@code requested}. */
  public ResourceRequest withRequested(@Nullable RequestedResource requested) {
    return toBuilder().requested(requested).build();
  }

  /** Builds a {@link ResourceRequest}; each setter's parameter is the record component it sets. */
  public static final class Builder {
    private final JsonNode resource;
    private @Nullable JsonNode oldResource;
    private String operation = "CREATE";
    private String namespace = "";
    private Map<String, String> namespaceLabels = Map.of();
    private boolean dryRun;
    private String uid = "cli";
    private Map<String, RegistryCredentials> registryCredentials = Map.of();
    private @Nullable RequestedResource requested;

    private Builder(JsonNode resource) {
      this.resource = resource;
    }

    public Builder oldResource(@Nullable JsonNode oldResource) {
      this.oldResource = oldResource;
      return this;
    }

    public Builder operation(String operation) {
      this.operation = operation;
      return this;
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder namespaceLabels(Map<String, String> namespaceLabels) {
      this.namespaceLabels = namespaceLabels;
      return this;
    }

    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    public Builder uid(String uid) {
      this.uid = uid;
      return this;
    }

    public Builder registryCredentials(Map<String, RegistryCredentials> registryCredentials) {
      this.registryCredentials = registryCredentials;
      return this;
    }

    public Builder requested(@Nullable RequestedResource requested) {
      this.requested = requested;
      return this;
    }

    public ResourceRequest build() {
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
}
