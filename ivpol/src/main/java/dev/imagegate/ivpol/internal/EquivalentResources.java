package dev.imagegate.ivpol.internal;

import java.util.List;
import java.util.Map;

/**
 * {@code matchPolicy: Equivalent} for the built-in workload resources: the group/versions under
 * which the API server has served the same resource. Kubernetes asks its RESTMapper (the resources
 * the cluster serves); imagegate has no cluster at hand in {@code apply} or in a plain {@code
 * serve}, so it uses this static table of the workload kinds whose pod templates it reads. A rule
 * for {@code extensions/v1beta1 deployments} thus matches an {@code apps/v1} Deployment, as in the
 * API server. The object is not converted (the API server would send it in the rule's version): the
 * pod template paths are the same in all these versions.
 */
final class EquivalentResources {
  private EquivalentResources() {}

  /** A group and version ({@code ""} is the core group). */
  record GroupVersion(String group, String version) {}

  private static final GroupVersion APPS_V1 = new GroupVersion("apps", "v1");
  private static final GroupVersion APPS_V1BETA2 = new GroupVersion("apps", "v1beta2");
  private static final GroupVersion APPS_V1BETA1 = new GroupVersion("apps", "v1beta1");
  private static final GroupVersion EXTENSIONS = new GroupVersion("extensions", "v1beta1");

  // Where Kubernetes served each resource (apps/v1beta1 had no DaemonSets or ReplicaSets,
  // extensions/v1beta1 no StatefulSets).
  private static final Map<String, List<GroupVersion>> TABLE =
      Map.of(
          "deployments",
          List.of(APPS_V1, APPS_V1BETA2, APPS_V1BETA1, EXTENSIONS),
          "daemonsets",
          List.of(APPS_V1, APPS_V1BETA2, EXTENSIONS),
          "replicasets",
          List.of(APPS_V1, APPS_V1BETA2, EXTENSIONS),
          "statefulsets",
          List.of(APPS_V1, APPS_V1BETA2, APPS_V1BETA1),
          "cronjobs",
          List.of(new GroupVersion("batch", "v1"), new GroupVersion("batch", "v1beta1")));

  /**
   * The other group/versions of {@code resource} in {@code group/version}; empty when the resource
   * is not in the table or the given group/version is not one of its own.
   */
  static List<GroupVersion> of(String group, String version, String resource) {
    List<GroupVersion> all = TABLE.getOrDefault(resource, List.of());
    GroupVersion self = new GroupVersion(group, version);
    if (!all.contains(self)) {
      return List.of();
    }
    return all.stream().filter(gv -> !gv.equals(self)).toList();
  }
}
