package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.ivpol.ResourceLookup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kyverno's {@code resource.get/list} in {@code serve --kubernetes}: read from the API server with
 * the webhook's own client (as Kyverno reads with its dynamic client), under the service account's
 * RBAC. No cache: each call is one API request, as in Kyverno. A list is bounded to {@link
 * #MAX_ITEMS} objects; an API error (forbidden, unknown resource) is an evaluation error of the
 * policy, not an empty answer, so a policy cannot pass because it could not read.
 */
public final class ClusterResourceLookup implements ResourceLookup {
  /** The most objects one {@code resource.list} returns (one API page). */
  static final long MAX_ITEMS = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;

  public ClusterResourceLookup(KubernetesClient client) {
    this.client = client;
  }

  private static ResourceDefinitionContext context(
      String apiVersion, String resource, boolean namespaced) {
    int slash = apiVersion.indexOf('/');
    return new ResourceDefinitionContext.Builder()
        .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
        .withVersion(apiVersion.substring(slash + 1))
        .withPlural(resource)
        .withNamespaced(namespaced)
        .build();
  }

  @Override
  @SuppressWarnings("unchecked")
  public @Nullable Map<String, Object> get(
      String apiVersion, String resource, String namespace, String name) {
    try {
      var resources = client.genericKubernetesResources(context(apiVersion, resource, true));
      GenericKubernetesResource r =
          namespace.isEmpty()
              ? client
                  .genericKubernetesResources(context(apiVersion, resource, false))
                  .withName(name)
                  .get()
              : resources.inNamespace(namespace).withName(name).get();
      return r == null ? null : JSON.convertValue(r, Map.class);
    } catch (KubernetesClientException e) {
      throw new IllegalStateException(describe("get", apiVersion, resource, namespace, e), e);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> list(String apiVersion, String resource, String namespace) {
    var options = new ListOptionsBuilder().withLimit(MAX_ITEMS).build();
    try {
      var resources = client.genericKubernetesResources(context(apiVersion, resource, true));
      GenericKubernetesResourceList list =
          namespace.isEmpty()
              ? resources.inAnyNamespace().list(options)
              : resources.inNamespace(namespace).list(options);
      List<Map<String, Object>> out = new ArrayList<>();
      for (GenericKubernetesResource r : list.getItems()) {
        out.add(JSON.convertValue(r, Map.class));
      }
      return out;
    } catch (KubernetesClientException e) {
      throw new IllegalStateException(describe("list", apiVersion, resource, namespace, e), e);
    }
  }

  private static String describe(
      String verb, String apiVersion, String resource, String namespace, Exception e) {
    return "resource."
        + verb
        + " "
        + apiVersion
        + " "
        + resource
        + (namespace.isEmpty() ? "" : " in " + namespace)
        + ": "
        + e.getMessage();
  }
}
