package dev.imagegate.policy;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code match}/{@code exclude} filter ({@code resources:} of an {@code any}/{@code all} item).
 * Empty lists and null selectors do not constrain. {@code userInfo} holds whether
 * roles/clusterRoles/subjects were given: imagegate has no user information offline and treats them
 * conservatively (see docs/policy.md).
 */
public record ResourceFilter(
    List<String> kinds,
    List<String> names,
    List<String> namespaces,
    Map<String, String> annotations,
    @Nullable LabelSelector selector,
    @Nullable LabelSelector namespaceSelector,
    List<Operation> operations,
    boolean userInfo,
    Location location) {
  public ResourceFilter {
    kinds = List.copyOf(kinds);
    names = List.copyOf(names);
    namespaces = List.copyOf(namespaces);
    annotations = Map.copyOf(annotations);
    operations = List.copyOf(operations);
  }

  /** No resource constraint at all (Kyverno ignores such a filter in exclude). */
  public boolean isEmpty() {
    return kinds.isEmpty()
        && names.isEmpty()
        && namespaces.isEmpty()
        && annotations.isEmpty()
        && selector == null
        && namespaceSelector == null
        && operations.isEmpty();
  }
}
