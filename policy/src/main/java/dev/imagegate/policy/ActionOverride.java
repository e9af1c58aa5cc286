package dev.imagegate.policy;

import dev.imagegate.base.Wildcard;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code spec.validationFailureActionOverrides} entry: in the listed namespaces (wildcards
 * allowed) or the namespaces matching {@code namespaceSelector}, the policy's failure action is
 * {@code action} instead.
 */
public record ActionOverride(
    FailureAction action,
    List<String> namespaces,
    @Nullable LabelSelector namespaceSelector,
    Location location) {
  public ActionOverride {
    namespaces = List.copyOf(namespaces);
  }

  /**
   * Kyverno: an override applies when a namespace pattern matches, or the selector matches the
   * namespace's labels.
   */
  public boolean appliesTo(String namespace, Map<String, String> namespaceLabels) {
    for (String pattern : namespaces) {
      if (Wildcard.match(pattern, namespace)) {
        return true;
      }
    }
    return namespaceSelector != null && namespaceSelector.matches(namespaceLabels);
  }
}
