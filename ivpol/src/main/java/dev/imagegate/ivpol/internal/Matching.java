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

  /**
   * Whether {@code m} selects the request for {@code group/version/resource}. {@code subResource}:
   * the admission request's subresource ({@code ""} for none), or null when the whole object is
   * evaluated (the CLI; see {@link #resourceMatches}).
   */
  public static boolean matches(
      Spec.Match m,
      String group,
      String version,
      String resource,
      @Nullable String subResource,
      String operation,
      String namespace,
      Map<String, String> namespaceLabels,
      @Nullable JsonNode object,
      @Nullable JsonNode oldObject) {
    boolean equivalent = "Equivalent".equals(m.matchPolicy());
    Target include = new Target(group, version, resource, subResource, false);
    if (!anyRule(m.resourceRules(), equivalent, include, operation, object)) {
      return false;
    }
    Target exclude = new Target(group, version, resource, subResource, true);
    if (anyRule(m.excludeResourceRules(), equivalent, exclude, operation, object)) {
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
   * What a resource rule is matched against: the request's group, version, resource and subresource
   * (null: the whole object), and whether the rule is an exclude.
   */
  public record Target(
      String group,
      String version,
      String resource,
      @Nullable String subResource,
      boolean exclude) {
    Target at(String otherGroup, String otherVersion) {
      return new Target(otherGroup, otherVersion, resource, subResource, exclude);
    }
  }

  /**
   * Whether a rule matches the request's group/version/resource or, under {@code matchPolicy:
   * Equivalent}, one of its {@link EquivalentResources} (the API server applies the same to
   * resourceRules and excludeResourceRules).
   */
  public static boolean anyRule(
      List<Spec.ResourceRule> rules,
      boolean equivalent,
      Target target,
      String operation,
      @Nullable JsonNode object) {
    for (Spec.ResourceRule r : rules) {
      if (rule(r, target, operation, object)) {
        return true;
      }
    }
    if (equivalent) {
      for (EquivalentResources.GroupVersion gv :
          EquivalentResources.of(target.group(), target.version(), target.resource())) {
        for (Spec.ResourceRule r : rules) {
          if (rule(r, target.at(gv.group(), gv.version()), operation, object)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean rule(
      Spec.ResourceRule r, Target target, String operation, @Nullable JsonNode object) {
    return has(r.apiGroups(), target.group())
        && has(r.apiVersions(), target.version())
        && r.resources().stream().anyMatch(entry -> resourceMatches(entry, target))
        && (r.operations().isEmpty() || has(r.operations(), operation))
        && (r.resourceNames().isEmpty()
            || (object != null
                && r.resourceNames().contains(object.path("metadata").path("name").asText())));
  }

  /**
   * One {@code resources} entry ({@code pods}, {@code pods/ephemeralcontainers}, {@code pods/*},
   * {@code *}, {@code *}{@code /*}) against the target, as the API server's admission matcher reads
   * it: the part before the slash is the resource ({@code *} any), the part after it the
   * subresource ({@code *} any, none: only the resource itself). So {@code *} matches every
   * resource but no subresource, {@code *}{@code /*} everything.
   *
   * <p>Two choices of imagegate's, both so that no image escapes verification:
   *
   * <ul>
   *   <li>A resourceRule for {@code pods} (or {@code *}) also selects a {@code
   *       pods/ephemeralcontainers} request: that request sends the whole Pod, and the containers
   *       it adds are what a Pod policy is about. Kubernetes (and so Kyverno, which registers only
   *       what a policy names) would not send it. Excludes keep the exact reading: an exclude of
   *       {@code pods} does not exclude the subresource.
   *   <li>Without a subresource (the CLI evaluates the whole object): an include naming a
   *       subresource matches as its parent resource (its data is part of the object, as for legacy
   *       selectors), while an exclude naming a particular subresource excludes nothing (only
   *       {@code pods}, {@code pods/*} and {@code *}{@code /*} style entries, which in the webhook
   *       would exclude the resource itself, do).
   * </ul>
   */
  public static boolean resourceMatches(String entry, Target target) {
    int slash = entry.indexOf('/');
    String res = slash < 0 ? entry : entry.substring(0, slash);
    String sub = slash < 0 ? "" : entry.substring(slash + 1);
    if (!res.equals("*") && !res.equals(target.resource())) {
      return false;
    }
    String requested = target.subResource();
    if (requested == null) {
      return !target.exclude() || sub.isEmpty() || sub.equals("*");
    }
    if (sub.equals("*") || sub.equals(requested)) {
      return true;
    }
    return !target.exclude()
        && sub.isEmpty()
        && target.resource().equals("pods")
        && requested.equals("ephemeralcontainers");
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
