package dev.imagegate.webhook.internal;

import java.util.Map;
import java.util.Optional;

/**
 * Labels of a namespace, for policies' {@code namespaceSelector}: an AdmissionReview does not carry
 * them. Without cluster access the webhook uses {@link #none()}, so namespace selectors see no
 * labels.
 */
@FunctionalInterface
public interface NamespaceLabelLookup {
  /** Never throws; an unknown namespace has no labels. */
  Map<String, String> labels(String namespace);

  /**
   * The labels if they are known without a lookup (cached), else empty: the review's fast path
   * ({@code ReviewService}) runs on the request thread and must not wait for the API server. The
   * default knows nothing.
   */
  default Optional<Map<String, String>> cachedLabels(String namespace) {
    return Optional.empty();
  }

  static NamespaceLabelLookup none() {
    return new NamespaceLabelLookup() {
      @Override
      public Map<String, String> labels(String namespace) {
        return Map.of();
      }

      @Override
      public Optional<Map<String, String>> cachedLabels(String namespace) {
        return Optional.of(Map.of());
      }
    };
  }
}
