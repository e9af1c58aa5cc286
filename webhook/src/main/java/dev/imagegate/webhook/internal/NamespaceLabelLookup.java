package dev.imagegate.webhook.internal;

import java.util.Map;

/**
 * Labels of a namespace, for policies' {@code namespaceSelector}: an AdmissionReview does not carry
 * them. Without cluster access the webhook uses {@link #none()}, so namespace selectors see no
 * labels.
 */
@FunctionalInterface
public interface NamespaceLabelLookup {
  /** Never throws; an unknown namespace has no labels. */
  Map<String, String> labels(String namespace);

  static NamespaceLabelLookup none() {
    return namespace -> Map.of();
  }
}
