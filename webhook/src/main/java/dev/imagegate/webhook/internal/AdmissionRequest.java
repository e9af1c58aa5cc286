package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.engine.RequestedResource;
import dev.imagegate.engine.ResourceRequest;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an {@code admission.k8s.io/v1} AdmissionRequest the webhook uses.
 *
 * @param group API group of the object's kind ({@code ""} for core)
 * @param name the object's name; for CREATE with {@code generateName} the API server sends none,
 *     then the prefix followed by {@code *} is used for logs and messages
 * @param object {@code request.object}; null on DELETE
 * @param oldObject {@code request.oldObject} on UPDATE and DELETE, else null
 * @param requested {@code request.resource} and {@code request.subResource}; null when absent
 */
public record AdmissionRequest(
    String uid,
    String group,
    String version,
    String kind,
    String namespace,
    String name,
    String operation,
    @Nullable JsonNode object,
    @Nullable JsonNode oldObject,
    boolean dryRun,
    @Nullable RequestedResource requested) {

  /** {@code apps/v1/Deployment} style, for logs. */
  public String gvk() {
    return (group.isEmpty() ? "" : group + "/") + version + "/" + kind;
  }

  /** {@code Pod/default/web} as Kyverno writes resources in messages. */
  public String displayName() {
    return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  /** The engine's request; only for a request with an object (ReviewService skips the others). */
  public ResourceRequest toResourceRequest(Map<String, String> namespaceLabels) {
    return ResourceRequest.builder(Objects.requireNonNull(object, "object"))
        .oldResource(oldObject)
        .operation(operation)
        .namespace(namespace)
        .namespaceLabels(namespaceLabels)
        .dryRun(dryRun)
        .uid(uid)
        .requested(requested)
        .build();
  }

  /**
   * The fields every log line about this request starts with (webhook, uid, kind, namespace, name),
   * followed by {@code more}: the review line and the deprecation notice stay in step.
   */
  public @Nullable Object[] logFields(String webhook, @Nullable Object... more) {
    @Nullable Object[] head = {
      "webhook", webhook, "uid", uid, "kind", kind, "namespace", namespace, "name", name
    };
    @Nullable Object[] all = java.util.Arrays.copyOf(head, head.length + more.length);
    System.arraycopy(more, 0, all, head.length, more.length);
    return all;
  }
}
