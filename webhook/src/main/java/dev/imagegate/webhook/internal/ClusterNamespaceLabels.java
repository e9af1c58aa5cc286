package dev.imagegate.webhook.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Namespace labels read from the API server and cached for {@code ttl}: a lookup per review would
 * put an API call on every admission, a watch on all namespaces would hold every namespace in
 * memory for a rarely used feature.
 */
public final class ClusterNamespaceLabels implements NamespaceLabelLookup {
  private static final JsonLog LOG = JsonLog.forClass(ClusterNamespaceLabels.class);

  private final KubernetesClient client;
  private final Cache<String, Map<String, String>> labels;

  public ClusterNamespaceLabels(KubernetesClient client, Duration ttl) {
    this.client = client;
    this.labels = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
  }

  @Override
  public Optional<Map<String, String>> cachedLabels(String namespace) {
    if (namespace == null || namespace.isEmpty()) {
      return Optional.of(Map.of());
    }
    return Optional.ofNullable(labels.getIfPresent(namespace));
  }

  @Override
  public Map<String, String> labels(String namespace) {
    if (namespace == null || namespace.isEmpty()) {
      return Map.of();
    }
    // A failed lookup returns null so that it is not cached: the next review asks again.
    Map<String, String> cached =
        labels.get(
            namespace,
            name -> {
              try {
                Namespace found = client.namespaces().withName(name).get();
                return found == null || found.getMetadata().getLabels() == null
                    ? Map.of()
                    : Map.copyOf(found.getMetadata().getLabels());
              } catch (KubernetesClientException e) {
                LOG.warn(
                    "cannot read namespace labels", "namespace", name, "reason", e.getMessage());
                return null;
              }
            });
    return cached == null ? Map.of() : cached;
  }
}
