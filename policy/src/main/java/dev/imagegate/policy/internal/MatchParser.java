package dev.imagegate.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.policy.ContextEntry;
import dev.imagegate.policy.ImageExtractor;
import dev.imagegate.policy.LabelSelector;
import dev.imagegate.policy.MatchResources;
import dev.imagegate.policy.Operation;
import dev.imagegate.policy.ResourceFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads {@code match}/{@code exclude}, rule {@code context} and {@code imageExtractors}. */
public final class MatchParser {
  private static final List<String> USER_INFO = List.of("subjects", "roles", "clusterRoles");

  private MatchParser() {}

  static MatchResources matchResources(Fields f) {
    List<ResourceFilter> any = f.list("any", (r, i) -> filter(r));
    List<ResourceFilter> all = f.list("all", (r, i) -> filter(r));
    boolean legacy = f.has("resources") || USER_INFO.stream().anyMatch(f::has);
    if (legacy) {
      if (!any.isEmpty() || !all.isEmpty()) {
        throw f.fail(
            "resources", "cannot be combined with any/all; move it into an any or all item");
      }
      all = List.of(filter(f));
    }
    return new MatchResources(any, all);
  }

  private static ResourceFilter filter(Fields f) {
    boolean userInfo = false;
    for (String u : USER_INFO) {
      if (f.get(u).isPresent()) {
        userInfo = true;
      }
    }
    ResourceFilter r = f.object("resources", res -> resources(res, false));
    if (r == null) {
      r =
          new ResourceFilter(
              List.of(),
              List.of(),
              List.of(),
              Map.of(),
              null,
              null,
              List.of(),
              false,
              f.location());
    }
    return userInfo
        ? new ResourceFilter(
            r.kinds(),
            r.names(),
            r.namespaces(),
            r.annotations(),
            r.selector(),
            r.namespaceSelector(),
            r.operations(),
            true,
            r.location())
        : r;
  }

  private static ResourceFilter resources(Fields f, boolean userInfo) {
    List<String> names = new ArrayList<>(f.strings("names"));
    String name = f.string("name");
    if (name != null) {
      names.add(name);
    }
    List<Operation> operations = new ArrayList<>();
    List<String> ops = f.strings("operations");
    for (int i = 0; i < ops.size(); i++) {
      String op = ops.get(i);
      try {
        operations.add(Operation.valueOf(op));
      } catch (IllegalArgumentException e) {
        throw f.fail(
            "operations/" + i,
            "'"
                + op
                + "' is not an operation; use CREATE, UPDATE, DELETE or CONNECT"
                + (List.of("CREATE", "UPDATE", "DELETE", "CONNECT")
                        .contains(op.toUpperCase(Locale.ROOT))
                    ? " (upper case)"
                    : ""));
      }
    }
    return new ResourceFilter(
        f.strings("kinds"),
        names,
        f.strings("namespaces"),
        f.stringMap("annotations"),
        f.object("selector", MatchParser::selector),
        f.object("namespaceSelector", MatchParser::selector),
        operations,
        userInfo,
        f.location());
  }

  /** A Kubernetes label selector; ivpol's matchConstraints read theirs here too. */
  public static LabelSelector selector(Fields f) {
    List<LabelSelector.Requirement> expressions =
        f.list(
            "matchExpressions",
            (e, i) -> {
              String op = e.requiredString("operator");
              if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(op)) {
                throw e.fail(
                    "operator",
                    "'"
                        + op
                        + "' is not a selector operator; use In, NotIn, Exists or DoesNotExist");
              }
              List<String> values = e.strings("values");
              if ((op.equals("In") || op.equals("NotIn")) && values.isEmpty()) {
                throw e.fail("values", "must not be empty for operator " + op);
              }
              return new LabelSelector.Requirement(e.requiredString("key"), op, values);
            });
    return new LabelSelector(f.stringMap("matchLabels"), expressions);
  }

  static ContextEntry contextEntry(Fields f) {
    String name = f.requiredString("name");
    if (f.has("configMap")) {
      return f.object(
          "configMap",
          c ->
              new ContextEntry.ConfigMapRef(
                  name,
                  c.requiredString("name"),
                  c.string("namespace") == null ? "default" : c.string("namespace"),
                  c.location()));
    }
    if (f.has("variable")) {
      return f.object(
          "variable",
          v -> {
            JsonNode value = v.get("value").orElse(null);
            String jmesPath = v.string("jmesPath");
            if (value == null && jmesPath == null) {
              throw v.failHere("needs value or jmesPath");
            }
            return new ContextEntry.Variable(
                name, value, jmesPath, v.get("default").orElse(null), v.location());
          });
    }
    for (String kind : List.of("apiCall", "imageRegistry", "globalReference")) {
      if (f.get(kind).isPresent()) {
        return new ContextEntry.Unsupported(name, kind, f.location(kind));
      }
    }
    throw f.failHere("needs one of configMap, variable, apiCall, imageRegistry or globalReference");
  }

  static Map<String, List<ImageExtractor>> imageExtractors(Fields f, JsonNode node) {
    Map<String, List<ImageExtractor>> out = new LinkedHashMap<>();
    Fields kinds = Fields.of(f.doc(), f.pointer("imageExtractors"), node, f.warnings());
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      out.put(
          e.getKey(),
          kinds.list(
              e.getKey(),
              (x, i) -> {
                String path = x.requiredString("path");
                if (!path.startsWith("/")) {
                  throw x.fail("path", "must start with '/' (e.g. /spec/steps/*)");
                }
                String value = x.string("value");
                if (value == null || value.isEmpty()) {
                  // Kyverno (pkg/utils/api/image.go lookupImageExtractor): the last segment of
                  // the path is the value field, the rest is the path.
                  String trimmed = path.replaceAll("/+$", "");
                  int slash = trimmed.lastIndexOf('/');
                  value = trimmed.substring(slash + 1);
                  path = slash <= 0 ? "/" : trimmed.substring(0, slash);
                }
                return new ImageExtractor(
                    x.string("name") == null ? "custom" : x.string("name"),
                    path,
                    value,
                    x.string("key"),
                    x.string("jmesPath"),
                    x.location());
              }));
    }
    kinds.finish();
    return out;
  }
}
