package dev.imagegate.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.base.Wildcard;
import dev.imagegate.policy.MatchResources;
import dev.imagegate.policy.Operation;
import dev.imagegate.policy.ResourceFilter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Kyverno's match/exclude on one resource. {@code kindAliases} lets autogen treat a pod controller
 * as a Pod. Filters with user constraints (roles, subjects) are decided conservatively: they count
 * as matching in {@code match} and as not matching in {@code exclude}, so imagegate verifies at
 * least what Kyverno would.
 */
public final class ResourceMatching {
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "Node",
          "PersistentVolume",
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "StorageClass",
          "PriorityClass",
          "ClusterPolicy",
          "MutatingWebhookConfiguration",
          "ValidatingWebhookConfiguration",
          "APIService",
          "RuntimeClass",
          "IngressClass");

  /** The facts about a request that filters look at. */
  public record Request(
      JsonNode resource,
      Operation operation,
      Map<String, String> namespaceLabels,
      @Nullable String subresource) {
    String kind() {
      return resource.path("kind").asText("");
    }

    String apiVersion() {
      return resource.path("apiVersion").asText("");
    }

    String name() {
      JsonNode m = resource.path("metadata");
      String n = m.path("name").asText("");
      return n.isEmpty() ? m.path("generateName").asText("") : n;
    }

    /**
     * The namespace, or null for cluster-scoped kinds; a namespaced object without one is in {@code
     * default}.
     */
    public @Nullable String namespace() {
      if (kind().equals("Namespace")) {
        return name();
      }
      if (CLUSTER_SCOPED.contains(kind())) {
        return null;
      }
      String ns = resource.path("metadata").path("namespace").asText("");
      return ns.isEmpty() ? "default" : ns;
    }

    Map<String, String> labels() {
      return stringMap(resource.path("metadata").path("labels"));
    }

    Map<String, String> annotations() {
      return stringMap(resource.path("metadata").path("annotations"));
    }
  }

  private ResourceMatching() {}

  /** {@code podAlias}: the controller kind autogen lets stand in for Pod, or null. */
  public static boolean matches(MatchResources match, Request r, @Nullable String podAlias) {
    if (!match.any().isEmpty()
        && match.any().stream().noneMatch(f -> filterMatches(f, r, podAlias, true))) {
      return false;
    }
    return match.all().stream().allMatch(f -> filterMatches(f, r, podAlias, true));
  }

  public static boolean excluded(MatchResources exclude, Request r, @Nullable String podAlias) {
    List<ResourceFilter> any = exclude.any().stream().filter(f -> !f.isEmpty()).toList();
    List<ResourceFilter> all = exclude.all().stream().filter(f -> !f.isEmpty()).toList();
    if (any.stream().anyMatch(f -> filterMatches(f, r, podAlias, false))) {
      return true;
    }
    return !all.isEmpty() && all.stream().allMatch(f -> filterMatches(f, r, podAlias, false));
  }

  private static boolean filterMatches(
      ResourceFilter f, Request r, @Nullable String podAlias, boolean inMatch) {
    if (f.userInfo() && !inMatch) {
      return false;
    }
    if (!f.kinds().isEmpty()
        && f.kinds().stream()
            .map(KindSelector::parse)
            .noneMatch(k -> kindMatches(k, r, podAlias))) {
      return false;
    }
    if (!f.names().isEmpty() && f.names().stream().noneMatch(n -> Wildcard.match(n, r.name()))) {
      return false;
    }
    if (!f.namespaces().isEmpty()) {
      String ns = r.namespace();
      if (ns == null || f.namespaces().stream().noneMatch(n -> Wildcard.match(n, ns))) {
        return false;
      }
    }
    if (!f.annotations().isEmpty()) {
      Map<String, String> have = r.annotations();
      for (Map.Entry<String, String> e : f.annotations().entrySet()) {
        boolean found =
            have.entrySet().stream()
                .anyMatch(
                    h ->
                        Wildcard.match(e.getKey(), h.getKey())
                            && Wildcard.match(e.getValue(), h.getValue()));
        if (!found) {
          return false;
        }
      }
    }
    if (f.selector() != null && !f.selector().matches(r.labels())) {
      return false;
    }
    if (f.namespaceSelector() != null) {
      if (r.namespace() == null
          || !f.namespaceSelector()
              .matches(r.namespaceLabels() == null ? Map.of() : r.namespaceLabels())) {
        return false;
      }
    }
    return f.operations().isEmpty() || f.operations().contains(r.operation());
  }

  private static boolean kindMatches(KindSelector k, Request r, @Nullable String podAlias) {
    if (podAlias != null && k.isPodOnly()) {
      return r.kind().equals(podAlias);
    }
    return k.matches(r.apiVersion(), r.kind(), r.subresource());
  }

  static Map<String, String> stringMap(JsonNode n) {
    Map<String, String> out = new HashMap<>();
    if (n.isObject()) {
      n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }
}
