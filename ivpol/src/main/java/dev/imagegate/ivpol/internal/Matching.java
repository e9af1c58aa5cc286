package dev.imagegate.ivpol.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.policy.LabelSelector;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * matchConstraints as the API server's admission matcher reads them: resourceRules (apiGroups,
 * apiVersions, resources, operations; {@code *} wildcards), excludeResourceRules, namespaceSelector
 * (cluster-scoped objects always match it) and objectSelector (object or oldObject labels).
 */
public final class Matching {
  private Matching() {}

  /** The plural resource name of a kind ({@code Pod} to {@code pods}). */
  public static String resource(String kind) {
    String k = kind.toLowerCase(Locale.ROOT);
    if (k.endsWith("s") || k.endsWith("x") || k.endsWith("ch")) {
      return k + "es";
    }
    if (k.endsWith("y") && !k.endsWith("ey")) {
      return k.substring(0, k.length() - 1) + "ies";
    }
    return k + "s";
  }

  public static boolean matches(
      Spec.Match m,
      String group,
      String version,
      String resource,
      String operation,
      String namespace,
      Map<String, String> namespaceLabels,
      @Nullable JsonNode object,
      @Nullable JsonNode oldObject) {
    boolean equivalent = "Equivalent".equals(m.matchPolicy());
    if (!anyRule(m.resourceRules(), equivalent, group, version, resource, operation, object)) {
      return false;
    }
    if (anyRule(
        m.excludeResourceRules(), equivalent, group, version, resource, operation, object)) {
      return false;
    }
    if (m.namespaceSelector() != null && !namespace.isEmpty()) {
      if (!m.namespaceSelector().matches(namespaceLabels)) {
        return false;
      }
    }
    LabelSelector os = m.objectSelector();
    if (os != null) {
      return os.matches(labels(object)) || (oldObject != null && os.matches(labels(oldObject)));
    }
    return true;
  }

  /**
   * Whether a rule matches the request's group/version/resource or, under {@code matchPolicy:
   * Equivalent}, one of its {@link EquivalentResources} (the API server applies the same to
   * resourceRules and excludeResourceRules).
   */
  public static boolean anyRule(
      List<Spec.ResourceRule> rules,
      boolean equivalent,
      String group,
      String version,
      String resource,
      String operation,
      @Nullable JsonNode object) {
    for (Spec.ResourceRule r : rules) {
      if (rule(r, group, version, resource, operation, object)) {
        return true;
      }
    }
    if (equivalent) {
      for (EquivalentResources.GroupVersion gv : EquivalentResources.of(group, version, resource)) {
        for (Spec.ResourceRule r : rules) {
          if (rule(r, gv.group(), gv.version(), resource, operation, object)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean rule(
      Spec.ResourceRule r,
      String group,
      String version,
      String resource,
      String operation,
      @Nullable JsonNode object) {
    return has(r.apiGroups(), group)
        && has(r.apiVersions(), version)
        && (r.resources().contains("*") || r.resources().contains(resource))
        && (r.operations().isEmpty() || has(r.operations(), operation))
        && (r.resourceNames().isEmpty()
            || (object != null
                && r.resourceNames().contains(object.path("metadata").path("name").asText())));
  }

  private static boolean has(List<String> list, String value) {
    return list.contains("*") || list.contains(value);
  }

  static Map<String, String> labels(@Nullable JsonNode o) {
    Map<String, String> out = new HashMap<>();
    if (o != null) {
      o.path("metadata")
          .path("labels")
          .properties()
          .forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }
}
