package dev.imagegate.ivpol.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.policy.PodController;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Kyverno's ivpol autogen: a policy whose matchConstraints is exactly one rule on core/v1 pods (no
 * resourceNames, excludes or objectSelector) also applies to the pod templates of the configured
 * controllers. Kyverno rewrites the expressions ({@code object.spec} to {@code
 * object.spec.template.spec}, {@code object.metadata} to the template's, except {@code
 * object.metadata.namespace}); evaluating the unchanged expressions on a pod-shaped view of the
 * controller (template metadata with the controller's namespace, template spec) is equivalent.
 */
public final class Autogen {
  /** The controllers ivpol autogen covers (not ReplicationController), in Kyverno's order. */
  private static final List<PodController> CONTROLLERS =
      List.of(
          PodController.DAEMON_SET,
          PodController.DEPLOYMENT,
          PodController.REPLICA_SET,
          PodController.STATEFUL_SET,
          PodController.JOB,
          PodController.CRON_JOB);

  /** Their resources: the allowed {@code autogen.podControllers.controllers}, and the default. */
  static final List<String> DEFAULT_CONTROLLERS =
      CONTROLLERS.stream().map(PodController::resource).toList();

  private Autogen() {}

  /**
   * The plural resource of a pod controller kind autogen covers ({@code Deployment} to {@code
   * deployments}), null for any other kind. The one table, also used by {@code convert}.
   */
  public static @Nullable String controllerResource(String kind) {
    return PodController.of(kind)
        .filter(CONTROLLERS::contains)
        .map(PodController::resource)
        .orElse(null);
  }

  public static boolean eligible(Spec spec) {
    Spec.Match m = spec.match();
    if (m.resourceRules().size() != 1
        || !m.excludeResourceRules().isEmpty()
        || (m.objectSelector() != null
            && (!m.objectSelector().matchLabels().isEmpty()
                || !m.objectSelector().matchExpressions().isEmpty()))) {
      return false;
    }
    Spec.ResourceRule r = m.resourceRules().get(0);
    return r.apiGroups().equals(List.of(""))
        && r.apiVersions().equals(List.of("v1"))
        && r.resources().equals(List.of("pods"))
        && r.resourceNames().isEmpty();
  }

  /** Whether autogen makes {@code spec} apply to objects of {@code kind}. */
  public static boolean covers(Spec spec, String kind) {
    String plural = controllerResource(kind);
    return plural != null
        && eligible(spec)
        && SpecParser.controllers(spec.autogenControllers()).contains(plural);
  }

  /** The pod-shaped view of a controller object. */
  public static @Nullable JsonNode podView(String kind, @Nullable JsonNode controller) {
    if (controller == null) {
      return null;
    }
    JsonNode template =
        controller.at(
            PodController.of(kind).map(PodController::templatePointer).orElse("/spec/template"));
    ObjectNode pod = JsonNodeFactory.instance.objectNode();
    pod.put("apiVersion", controller.path("apiVersion").asText());
    pod.put("kind", kind);
    ObjectNode meta =
        template.path("metadata").isObject()
            ? ((ObjectNode) template.path("metadata")).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    JsonNode ns = controller.path("metadata").path("namespace");
    if (!ns.isMissingNode()) {
      meta.set("namespace", ns);
    }
    pod.set("metadata", meta);
    pod.set(
        "spec",
        template.path("spec").isObject()
            ? template.path("spec")
            : JsonNodeFactory.instance.objectNode());
    return pod;
  }
}
