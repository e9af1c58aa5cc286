package dev.imagegate.ivpol;

import dev.imagegate.ivpol.internal.Spec;
import dev.imagegate.policy.Location;
import org.jspecify.annotations.Nullable;

/**
 * One ImageValidatingPolicy (cluster-wide) or NamespacedImageValidatingPolicy (applies only to
 * requests in {@code namespace}).
 *
 * @param kind {@code ImageValidatingPolicy} or {@code NamespacedImageValidatingPolicy}
 * @param apiVersion {@code policies.kyverno.io/v1}, {@code v1beta1} or {@code v1alpha1}
 * @param namespace the policy's namespace for the namespaced kind, else null
 * @param uid metadata.uid or a content hash (the verification cache is keyed by it, as Kyverno keys
 *     by UID and resourceVersion)
 * @param location where the document starts
 */
public record ImageValidatingPolicy(
    String kind,
    String apiVersion,
    String name,
    @Nullable String namespace,
    String uid,
    Location location,
    Spec spec) {
  public static final String GROUP = "policies.kyverno.io";
  public static final String CLUSTER_KIND = "ImageValidatingPolicy";
  public static final String NAMESPACED_KIND = "NamespacedImageValidatingPolicy";

  /** The name results and messages use: {@code name}, or {@code namespace/name}. */
  public String displayName() {
    return namespace == null ? name : namespace + "/" + name;
  }
}
