package dev.imagegate.policy;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Kyverno {@code ClusterPolicy} or namespaced {@code Policy} ({@code kyverno.io/v1} or {@code
 * v2beta1}). {@code failurePolicy} and {@code webhookTimeoutSeconds} are the effective values:
 * {@code spec.webhookConfiguration} wins over the older top-level fields. {@code admission} is
 * {@code spec.admission} (default true); {@code lowercaseFailureAction} records that the policy
 * spells a failure action {@code enforce}/{@code audit}, which Kyverno accepts with a deprecation
 * warning.
 */
public record Policy(
    String apiVersion,
    boolean clusterScoped,
    String name,
    @Nullable String namespace,
    Map<String, String> annotations,
    FailureAction validationFailureAction,
    FailurePolicy failurePolicy,
    @Nullable Integer webhookTimeoutSeconds,
    boolean background,
    List<Rule> rules,
    Location location,
    List<ActionOverride> actionOverrides,
    boolean admission,
    boolean lowercaseFailureAction) {
  /** Kyverno's annotation limiting which pod controllers a Pod rule also covers. */
  public static final String AUTOGEN_ANNOTATION = "pod-policies.kyverno.io/autogen-controllers";

  /** Kyverno's default for that annotation: every pod controller. */
  public static final List<String> DEFAULT_AUTOGEN_CONTROLLERS =
      Arrays.stream(PodController.values()).map(PodController::kind).toList();

  public Policy {
    annotations = Map.copyOf(annotations);
    rules = List.copyOf(rules);
    actionOverrides = actionOverrides == null ? List.of() : List.copyOf(actionOverrides);
  }

  /**
   * The policy's failure action for a namespace: the first matching override, else {@code
   * validationFailureAction}.
   */
  public FailureAction failureActionIn(String namespace, Map<String, String> namespaceLabels) {
    for (ActionOverride o : actionOverrides) {
      if (o.appliesTo(namespace, namespaceLabels)) {
        return o.action();
      }
    }
    return validationFailureAction;
  }

  /** {@code ClusterPolicy} or {@code Policy}. */
  public String kind() {
    return clusterScoped ? "ClusterPolicy" : "Policy";
  }

  /** {@code name} for a ClusterPolicy, {@code namespace/name} for a Policy. */
  public String qualifiedName() {
    return clusterScoped ? name : namespace + "/" + name;
  }

  /** The pod controllers autogen extends Pod rules to; empty for {@code none}. */
  public Set<String> autogenControllers() {
    String value = annotations.get(AUTOGEN_ANNOTATION);
    if (value == null) {
      return new LinkedHashSet<>(DEFAULT_AUTOGEN_CONTROLLERS);
    }
    if (value.trim().equalsIgnoreCase("none")) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
    return out;
  }
}
