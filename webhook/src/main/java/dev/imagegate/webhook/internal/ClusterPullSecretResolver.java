package dev.imagegate.webhook.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.webhook.PullSecretResolver;
import dev.imagegate.webhook.RegistryAuths;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials for one request, from Kubernetes secrets, in increasing precedence: the secrets
 * configured with {@code --image-pull-secret} (namespace/name), the workload's service account's
 * {@code imagePullSecrets}, the workload's own {@code imagePullSecrets}. The kubelet would use
 * exactly the latter two to pull, so verifying with them checks what will actually run. Secrets and
 * service accounts are cached for {@code ttl}.
 */
public final class ClusterPullSecretResolver implements PullSecretResolver {
  private static final JsonLog LOG = JsonLog.forClass(ClusterPullSecretResolver.class);

  /** A secret or service account by namespace and name. */
  public record ObjectRef(String namespace, String name) {
    /** {@code ns/name}, or {@code name} in {@code defaultNamespace}. */
    public static ObjectRef parse(String text, String defaultNamespace) {
      int slash = text.indexOf('/');
      return slash < 0
          ? new ObjectRef(defaultNamespace, text)
          : new ObjectRef(text.substring(0, slash), text.substring(slash + 1));
    }
  }

  private final KubernetesClient client;
  private final List<ObjectRef> configuredSecrets;
  private final boolean workloadSecrets;
  private final Cache<ObjectRef, RegistryAuths> secrets;
  private final Cache<ObjectRef, List<String>> serviceAccounts;

  /**
   * @param workloadSecrets whether to read the workload's and its service account's secrets (needs
   *     RBAC)
   */
  public ClusterPullSecretResolver(
      KubernetesClient client,
      List<ObjectRef> configuredSecrets,
      boolean workloadSecrets,
      Duration ttl) {
    this.client = client;
    this.configuredSecrets = List.copyOf(configuredSecrets);
    this.workloadSecrets = workloadSecrets;
    this.secrets = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
    this.serviceAccounts = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
  }

  @Override
  public RegistryAuths resolve(ResourceRequest request) {
    return resolve(request, false).orElse(RegistryAuths.EMPTY);
  }

  @Override
  public Optional<RegistryAuths> resolveCached(ResourceRequest request) {
    return resolve(request, true);
  }

  /** With {@code cachedOnly}, empty as soon as a service account or secret is not cached. */
  private Optional<RegistryAuths> resolve(ResourceRequest request, boolean cachedOnly) {
    List<ObjectRef> refs = new ArrayList<>(configuredSecrets);
    if (workloadSecrets && !request.namespace().isEmpty()) {
      Optional<com.fasterxml.jackson.databind.JsonNode> spec = PodSpecs.of(request.resource());
      if (spec.isPresent()) {
        String namespace = request.namespace();
        ObjectRef account = new ObjectRef(namespace, PodSpecs.serviceAccount(spec.get()));
        List<String> accountSecrets =
            cachedOnly ? serviceAccounts.getIfPresent(account) : serviceAccountSecrets(account);
        if (accountSecrets == null) {
          return Optional.empty();
        }
        accountSecrets.forEach(name -> refs.add(new ObjectRef(namespace, name)));
        PodSpecs.imagePullSecretNames(spec.get())
            .forEach(name -> refs.add(new ObjectRef(namespace, name)));
      }
    }
    RegistryAuths merged = RegistryAuths.EMPTY;
    for (ObjectRef ref : refs) {
      RegistryAuths auths = cachedOnly ? secrets.getIfPresent(ref) : secret(ref);
      if (auths == null) {
        return Optional.empty();
      }
      merged = merged.overriddenBy(auths);
    }
    return Optional.of(merged);
  }

  private List<String> serviceAccountSecrets(ObjectRef account) {
    // Failed reads return null so that they are not cached and the next review tries again.
    List<String> names =
        serviceAccounts.get(
            account,
            ref -> {
              try {
                ServiceAccount found =
                    client
                        .serviceAccounts()
                        .inNamespace(ref.namespace())
                        .withName(ref.name())
                        .get();
                if (found == null || found.getImagePullSecrets() == null) {
                  return List.of();
                }
                return found.getImagePullSecrets().stream()
                    .map(LocalObjectReference::getName)
                    .filter(Objects::nonNull)
                    .toList();
              } catch (KubernetesClientException e) {
                LOG.warn(
                    "cannot read service account",
                    "namespace",
                    ref.namespace(),
                    "name",
                    ref.name(),
                    "reason",
                    e.getMessage());
                return null;
              }
            });
    return names == null ? List.of() : names;
  }

  private RegistryAuths secret(ObjectRef ref) {
    RegistryAuths auths =
        secrets.get(
            ref,
            key -> {
              try {
                Secret secret =
                    client.secrets().inNamespace(key.namespace()).withName(key.name()).get();
                if (secret == null || secret.getData() == null) {
                  return RegistryAuths.EMPTY;
                }
                String encoded =
                    secret
                        .getData()
                        .getOrDefault(".dockerconfigjson", secret.getData().get(".dockercfg"));
                return encoded == null
                    ? RegistryAuths.EMPTY
                    : DockerConfigAuths.parse(
                        Base64.getDecoder().decode(encoded.getBytes(StandardCharsets.US_ASCII)));
              } catch (KubernetesClientException | IllegalArgumentException e) {
                LOG.warn(
                    "cannot use pull secret",
                    "namespace",
                    key.namespace(),
                    "name",
                    key.name(),
                    "reason",
                    e.getMessage());
                return null;
              }
            });
    return auths == null ? RegistryAuths.EMPTY : auths;
  }
}
