package dev.imagegate.ivpol.convert.internal;

import dev.imagegate.policy.LabelSelector;
import dev.imagegate.policy.MatchResources;
import dev.imagegate.policy.Operation;
import dev.imagegate.policy.PodController;
import dev.imagegate.policy.Policy;
import dev.imagegate.policy.ResourceFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A legacy rule's {@code match}/{@code exclude} as {@code matchConstraints} plus {@code
 * matchConditions}: kinds and operations become resourceRules, selectors stay selectors, names,
 * namespaces and annotations (Kyverno wildcards) become CEL conditions on the request.
 */
final class Match {
  /** group, version, plural of the kinds verifyImages rules name. */
  private static final Map<String, String[]> KINDS = kinds();

  /** ivpol autogen names of Kyverno's pod controllers (ReplicationController has none). */
  final Y.Map constraints = Y.map();

  final List<String[]> conditions = new ArrayList<>(); // name, expression
  @Nullable List<String> autogen; // null: ivpol's default controllers
  @Nullable String autogenComment;

  private Match() {}

  static Match of(Policy policy, MatchResources match, MatchResources exclude)
      throws Unconvertible {
    Match m = new Match();
    m.build(policy, match, exclude);
    return m;
  }

  private void build(Policy policy, MatchResources match, MatchResources exclude)
      throws Unconvertible {
    List<ResourceFilter> filters = match.any().isEmpty() ? match.all() : match.any();
    if (filters.isEmpty()) {
      throw new Unconvertible("match has no resource filter");
    }
    if (!match.any().isEmpty() && !match.all().isEmpty()) {
      throw new Unconvertible("match with both any and all does not convert");
    }
    Set<String> kinds = new LinkedHashSet<>();
    ResourceFilter first = filters.get(0);
    if (!match.any().isEmpty()) {
      for (ResourceFilter f : filters) {
        if (!sameBeyondKinds(first, f)) {
          throw new Unconvertible(
              "match.any filters differ in more than their kinds; ivpol has one matchConstraints"
                  + " per policy (split the rule)");
        }
        kinds.addAll(f.kinds());
      }
    } else {
      for (ResourceFilter f : filters) {
        if (!f.kinds().isEmpty()) {
          if (kinds.isEmpty()) {
            kinds.addAll(f.kinds());
          } else {
            kinds.retainAll(f.kinds());
          }
        }
      }
    }
    if (kinds.isEmpty()) {
      throw new Unconvertible("match names no kinds");
    }
    List<String> ops = operations(first);
    LabelSelector objectSelector = null;
    LabelSelector nsSelector = null;
    for (ResourceFilter f : match.any().isEmpty() ? filters : List.of(first)) {
      if (f.userInfo()) {
        throw new Unconvertible(
            "match by roles/clusterRoles/subjects (userInfo): imagegate has no user information"
                + " to carry over");
      }
      constraintsAsConditions(f, "match");
      if (f.selector() != null) {
        if (objectSelector != null) {
          throw new Unconvertible("two object selectors in match.all");
        }
        objectSelector = f.selector();
      }
      if (f.namespaceSelector() != null) {
        if (nsSelector != null) {
          throw new Unconvertible("two namespace selectors in match.all");
        }
        nsSelector = f.namespaceSelector();
      }
    }
    Y.Seq exclusions = Y.seq();
    List<ResourceFilter> ex = exclude.any().isEmpty() ? exclude.all() : exclude.any();
    List<String> exclusionTerms = new ArrayList<>();
    for (ResourceFilter f : ex) {
      if (f.isEmpty()) {
        continue; // Kyverno ignores an empty exclude filter
      }
      if (f.userInfo()) {
        throw new Unconvertible(
            "exclude by roles/clusterRoles/subjects (userInfo) does not convert");
      }
      boolean kindsOnly =
          f.names().isEmpty()
              && f.namespaces().isEmpty()
              && f.annotations().isEmpty()
              && f.selector() == null
              && f.namespaceSelector() == null;
      if (kindsOnly && exclude.all().isEmpty()) {
        for (String k : f.kinds()) {
          exclusions.add(rule(k, operations(f)));
        }
      } else if (f.kinds().isEmpty() || kinds.containsAll(f.kinds())) {
        if (f.selector() != null || f.namespaceSelector() != null) {
          throw new Unconvertible("exclude with a label selector does not convert");
        }
        exclusionTerms.add(filterCondition(f));
      } else {
        throw new Unconvertible("exclude filter names kinds the match does not: " + f.kinds());
      }
    }
    if (!exclusionTerms.isEmpty()) {
      String joined =
          exclude.all().isEmpty()
              ? String.join(" || ", exclusionTerms)
              : String.join(" && ", exclusionTerms);
      conditions.add(new String[] {"exclude", "!(" + joined + ")"});
    }
    Y.Seq rules = Y.seq();
    for (String k : kinds) {
      rules.add(rule(k, ops));
    }
    boolean podsOnly = kinds.equals(Set.of("Pod"));
    Set<String> controllers = policy.autogenControllers();
    if (podsOnly && !controllers.isEmpty() && (!exclusions.isEmpty() || objectSelector != null)) {
      // ivpol autogen needs exactly one pods rule without excludes or object selector: name the
      // controllers Kyverno's autogen would have covered instead.
      for (String c : controllers) {
        if (KINDS.containsKey(c) && !c.equals("Pod")) {
          rules.add(rule(c, ops));
        }
      }
      autogen = List.of();
      autogenComment =
          "controllers listed in resourceRules instead (autogen needs a plain pods rule)";
    } else if (podsOnly && !controllers.equals(Set.copyOf(Policy.DEFAULT_AUTOGEN_CONTROLLERS))) {
      List<String> names = new ArrayList<>();
      for (String c : controllers) {
        String resource = dev.imagegate.ivpol.internal.Autogen.controllerResource(c);
        if (resource != null) {
          names.add(resource);
        }
      }
      autogen = names;
      autogenComment = "from the pod-policies.kyverno.io/autogen-controllers annotation";
    }
    constraints.put("resourceRules", rules);
    if (!exclusions.isEmpty()) {
      constraints.put("excludeResourceRules", exclusions);
    }
    if (nsSelector != null) {
      constraints.put("namespaceSelector", selector(nsSelector));
    }
    if (objectSelector != null) {
      constraints.put("objectSelector", selector(objectSelector));
    }
  }

  private void constraintsAsConditions(ResourceFilter f, String prefix) {
    if (!f.names().isEmpty()) {
      conditions.add(
          new String[] {prefix + "-names", Cel.matchesAnyWildcard("request.name", f.names())});
    }
    if (!f.namespaces().isEmpty()) {
      conditions.add(
          new String[] {
            prefix + "-namespaces", Cel.matchesAnyWildcard("request.namespace", f.namespaces())
          });
    }
    if (!f.annotations().isEmpty()) {
      conditions.add(new String[] {prefix + "-annotations", annotations(f.annotations())});
    }
  }

  /** One exclude filter's non-kind constraints as a CEL predicate. */
  private static String filterCondition(ResourceFilter f) {
    List<String> terms = new ArrayList<>();
    if (!f.names().isEmpty()) {
      terms.add(Cel.matchesAnyWildcard("request.name", f.names()));
    }
    if (!f.namespaces().isEmpty()) {
      terms.add(Cel.matchesAnyWildcard("request.namespace", f.namespaces()));
    }
    if (!f.annotations().isEmpty()) {
      terms.add(annotations(f.annotations()));
    }
    return terms.size() == 1 ? terms.get(0) : "(" + String.join(" && ", terms) + ")";
  }

  private static String annotations(Map<String, String> ann) {
    List<String> terms = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(ann).entrySet()) {
      String v = "object.metadata.?annotations[?" + Cel.quote(e.getKey()) + "].orValue('')";
      terms.add(
          Cel.hasWildcard(e.getValue())
              ? v + ".matches(" + Cel.quote(Cel.wildcardRegex(e.getValue())) + ")"
              : v + " == " + Cel.quote(e.getValue()));
    }
    return String.join(" && ", terms);
  }

  private static boolean sameBeyondKinds(ResourceFilter a, ResourceFilter b) {
    return a.names().equals(b.names())
        && a.namespaces().equals(b.namespaces())
        && a.annotations().equals(b.annotations())
        && Objects.equals(a.selector(), b.selector())
        && Objects.equals(a.namespaceSelector(), b.namespaceSelector())
        && a.operations().equals(b.operations())
        && a.userInfo() == b.userInfo();
  }

  private static List<String> operations(ResourceFilter f) {
    if (f.operations().isEmpty()) {
      return List.of("CREATE", "UPDATE"); // Kyverno registers verifyImages for these
    }
    return f.operations().stream().map(Operation::name).toList();
  }

  private static Y.Map rule(String kind, List<String> ops) throws Unconvertible {
    String[] gvr = gvr(kind);
    return Y.map()
        .put("apiGroups", Y.flow(List.of(gvr[0])))
        .put("apiVersions", Y.flow(List.of(gvr[1])))
        .put("operations", Y.flow(ops))
        .put("resources", Y.flow(List.of(gvr[2])));
  }

  private static Map<String, String[]> kinds() {
    Map<String, String[]> kinds = new HashMap<>();
    kinds.put("Pod", new String[] {"", "v1", "pods"});
    for (PodController c : PodController.values()) {
      kinds.put(c.kind(), new String[] {c.group(), c.version(), c.resource()});
    }
    return Map.copyOf(kinds);
  }

  private static String[] gvr(String kind) throws Unconvertible {
    String[] parts = kind.split("/");
    String k = parts[parts.length - 1];
    String[] known = KINDS.get(k);
    if (parts.length == 1 && known != null) {
      return known;
    }
    if (parts.length == 3) {
      // Kyverno writes a subresource as Kind.subresource (TaskRun.status)
      int dot = parts[2].indexOf('.');
      return dot < 0
          ? new String[] {parts[0], parts[1], plural(parts[2])}
          : new String[] {
            parts[0],
            parts[1],
            plural(parts[2].substring(0, dot)) + "/" + parts[2].substring(dot + 1)
          };
    }
    if (parts.length == 2 && known != null && parts[0].equals(known[1])) {
      return known;
    }
    if (parts.length == 2 && Character.isLowerCase(parts[1].charAt(0)) && known == null) {
      String[] pod = KINDS.get(parts[0]);
      if (pod != null) {
        return new String[] {pod[0], pod[1], pod[2] + "/" + parts[1]}; // Pod/ephemeralcontainers
      }
    }
    if (known == null && parts.length == 1 && !kind.contains("*")) {
      throw new Unconvertible(
          "kind " + kind + ": its API group is unknown; write it as GROUP/VERSION/KIND");
    }
    throw new Unconvertible("kind " + kind + " does not convert to a resource rule");
  }

  private static String plural(String kind) {
    String l = kind.toLowerCase(Locale.ROOT);
    return l.endsWith("s")
        ? l + "es"
        : l.endsWith("y") ? l.substring(0, l.length() - 1) + "ies" : l + "s";
  }

  static Y.Map selector(LabelSelector s) {
    Y.Map m = Y.map();
    if (!s.matchLabels().isEmpty()) {
      Y.Map labels = Y.map();
      new TreeMap<>(s.matchLabels()).forEach(labels::put);
      m.put("matchLabels", labels);
    }
    if (!s.matchExpressions().isEmpty()) {
      Y.Seq exprs = Y.seq();
      for (LabelSelector.Requirement r : s.matchExpressions()) {
        Y.Map e = Y.map().put("key", r.key()).put("operator", r.operator());
        if (!r.values().isEmpty()) {
          e.put("values", Y.flow(r.values()));
        }
        exprs.add(e);
      }
      m.put("matchExpressions", exprs);
    }
    return m;
  }

  /** A label selector over {@code labels} (a CEL map of strings) as a CEL predicate. */
  static String selectorCondition(LabelSelector s, String labels) {
    List<String> terms = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(s.matchLabels()).entrySet()) {
      terms.add(
          labels
              + "[?"
              + Cel.quote(e.getKey())
              + "] == optional.of("
              + Cel.quote(e.getValue())
              + ")");
    }
    for (LabelSelector.Requirement r : s.matchExpressions()) {
      String k = Cel.quote(r.key());
      String has = k + " in " + labels;
      String in = labels + "[" + k + "] in " + Cel.stringList(r.values());
      terms.add(
          switch (r.operator()) {
            case "In" -> "(" + has + " && " + in + ")";
            case "NotIn" -> "(!(" + has + ") || !(" + in + "))";
            case "Exists" -> has;
            case "DoesNotExist" -> "!(" + has + ")";
            default -> "false";
          });
    }
    return terms.isEmpty() ? "true" : String.join(" && ", terms);
  }
}
