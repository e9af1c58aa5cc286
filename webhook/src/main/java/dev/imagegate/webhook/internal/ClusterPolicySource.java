package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.webhook.PolicyDocument;
import dev.imagegate.webhook.PolicySet;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Policies from the cluster: {@code imagegate.dev/v1alpha1} {@code ClusterImagePolicy} and {@code
 * ImagePolicy} objects, plus ConfigMaps labelled {@code imagegate.dev/context=true} as context
 * variables. Informers keep local caches; after any change the complete set is rebuilt from the
 * caches (changes arriving together are coalesced for {@code debounce}), so the engine always sees
 * a consistent snapshot.
 */
public final class ClusterPolicySource implements PolicySource {
  public static final String CONTEXT_LABEL = "imagegate.dev/context";
  private static final JsonLog LOG = JsonLog.forClass(ClusterPolicySource.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Informer stores list in no particular order; documents are read in this one. */
  private static final Comparator<GenericKubernetesResource> BY_NAMESPACE_AND_NAME =
      Comparator.comparing(
              (GenericKubernetesResource r) -> String.valueOf(r.getMetadata().getNamespace()))
          .thenComparing(r -> r.getMetadata().getName());

  static final ResourceDefinitionContext CLUSTER_POLICIES =
      new ResourceDefinitionContext.Builder()
          .withGroup(KyvernoDocuments.GROUP)
          .withVersion(KyvernoDocuments.VERSION)
          .withKind("ClusterImagePolicy")
          .withPlural("clusterimagepolicies")
          .withNamespaced(false)
          .build();
  static final ResourceDefinitionContext NAMESPACED_POLICIES =
      new ResourceDefinitionContext.Builder()
          .withGroup(KyvernoDocuments.GROUP)
          .withVersion(KyvernoDocuments.VERSION)
          .withKind("ImagePolicy")
          .withPlural("imagepolicies")
          .withNamespaced(true)
          .build();

  /** Kyverno's own ImageValidatingPolicy CRDs (policies.kyverno.io/v1), read unchanged. */
  static final ResourceDefinitionContext IVPOLS =
      new ResourceDefinitionContext.Builder()
          .withGroup("policies.kyverno.io")
          .withVersion("v1")
          .withKind("ImageValidatingPolicy")
          .withPlural("imagevalidatingpolicies")
          .withNamespaced(false)
          .build();

  static final ResourceDefinitionContext NAMESPACED_IVPOLS =
      new ResourceDefinitionContext.Builder()
          .withGroup("policies.kyverno.io")
          .withVersion("v1")
          .withKind("NamespacedImageValidatingPolicy")
          .withPlural("namespacedimagevalidatingpolicies")
          .withNamespaced(true)
          .build();

  /**
   * Kyverno's policies.kyverno.io PolicyExceptions (v1), read unchanged with the policies: they
   * exempt requests from the ImageValidatingPolicies they name.
   */
  static final ResourceDefinitionContext IVPOL_EXCEPTIONS =
      new ResourceDefinitionContext.Builder()
          .withGroup("policies.kyverno.io")
          .withVersion("v1")
          .withKind("PolicyException")
          .withPlural("policyexceptions")
          .withNamespaced(true)
          .build();

  private final KubernetesClient client;
  private final List<SharedIndexInformer<GenericKubernetesResource>> ivpolInformers =
      new ArrayList<>();
  private final Duration debounce;
  private final ScheduledExecutorService rebuilds =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("imagegate-policy-cluster").factory());
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  // set by start()
  private @Nullable SharedIndexInformer<GenericKubernetesResource> clusterPolicies;
  private @Nullable SharedIndexInformer<GenericKubernetesResource> namespacedPolicies;
  private @Nullable SharedIndexInformer<ConfigMap> contextMaps;
  private @Nullable Consumer<PolicySet> listener;
  private @Nullable String lastVersion;
  private @Nullable ScheduledFuture<?> pending;
  // False until every informer of start() exists. Informers report their initial lists while
  // start() is still creating the others; a debounced rebuild in that window would deliver a set
  // without the kinds not yet watched (a policy missing from the engine: fail-open) or fail on a
  // field not yet set. start() delivers the first, complete set itself.
  private volatile boolean started;

  public ClusterPolicySource(KubernetesClient client, Duration debounce) {
    this.client = client;
    this.debounce = debounce;
  }

  /**
   * Starts the informers (blocking for their initial lists) and delivers the first set before
   * returning.
   */
  @Override
  public void start(Consumer<PolicySet> listener) {
    this.listener = listener;
    ResourceEventHandler<Object> onChange =
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Object obj) {
            scheduleRebuild();
          }

          @Override
          public void onUpdate(Object oldObj, Object newObj) {
            scheduleRebuild();
          }

          @Override
          public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
            scheduleRebuild();
          }
        };
    clusterPolicies = client.genericKubernetesResources(CLUSTER_POLICIES).inform(cast(onChange));
    namespacedPolicies =
        client
            .genericKubernetesResources(NAMESPACED_POLICIES)
            .inAnyNamespace()
            .inform(cast(onChange));
    contextMaps =
        client
            .configMaps()
            .inAnyNamespace()
            .withLabel(CONTEXT_LABEL, "true")
            .inform(cast(onChange));
    informers.addAll(List.of(clusterPolicies, namespacedPolicies, contextMaps));
    for (ResourceDefinitionContext ivpol : List.of(IVPOLS, NAMESPACED_IVPOLS, IVPOL_EXCEPTIONS)) {
      try {
        SharedIndexInformer<GenericKubernetesResource> informer =
            ivpol.isNamespaceScoped()
                ? client.genericKubernetesResources(ivpol).inAnyNamespace().inform(cast(onChange))
                : client.genericKubernetesResources(ivpol).inform(cast(onChange));
        ivpolInformers.add(informer);
        informers.add(informer);
      } catch (RuntimeException e) {
        // Kyverno's CRDs are not installed (or not readable): imagegate's own kinds still work.
        LOG.warn(
            "not watching Kyverno " + ivpol.getKind() + " objects",
            "reason",
            String.valueOf(e.getMessage()));
      }
    }
    started = true;
    rebuildNow();
  }

  @SuppressWarnings("unchecked")
  private static <T> ResourceEventHandler<T> cast(ResourceEventHandler<Object> handler) {
    return (ResourceEventHandler<T>) (ResourceEventHandler<?>) handler;
  }

  private synchronized void scheduleRebuild() {
    if (!started) {
      return; // start() builds the first set once every informer is there
    }
    if (pending == null || pending.isDone()) {
      pending = rebuilds.schedule(this::rebuildQuietly, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void rebuildQuietly() {
    try {
      rebuildNow();
    } catch (RuntimeException e) {
      LOG.error("cannot rebuild the policy set from the cluster", e);
    }
  }

  /** Builds the set from the informer caches and notifies the listener if its version changed. */
  public synchronized void rebuildNow() {
    PolicySet set = snapshot();
    if (set.version().equals(lastVersion)) {
      return;
    }
    lastVersion = set.version();
    LOG.info(
        "policies changed in the cluster",
        "version",
        set.version(),
        "documents",
        set.documents().size(),
        "context_config_maps",
        set.context().size());
    Objects.requireNonNull(listener, "changes arrive only after start()").accept(set);
  }

  PolicySet snapshot() {
    // start() creates the informers before the first snapshot
    List<PolicyDocument> documents = new ArrayList<>();
    addPolicies(
        documents,
        "ClusterImagePolicy",
        Objects.requireNonNull(clusterPolicies, "started").getStore().list());
    addPolicies(
        documents,
        "ImagePolicy",
        Objects.requireNonNull(namespacedPolicies, "started").getStore().list());
    for (SharedIndexInformer<GenericKubernetesResource> informer : ivpolInformers) {
      addIvpols(documents, informer.getStore().list());
    }
    Map<String, Map<String, String>> context = new TreeMap<>();
    for (ConfigMap map : Objects.requireNonNull(contextMaps, "started").getStore().list()) {
      context.put(
          map.getMetadata().getNamespace() + "/" + map.getMetadata().getName(),
          map.getData() == null ? Map.of() : map.getData());
    }
    return new PolicySet(PolicySetVersions.of(documents, context), documents, context);
  }

  private static void addPolicies(
      List<PolicyDocument> documents, String kind, List<GenericKubernetesResource> resources) {
    resources.stream()
        .sorted(BY_NAMESPACE_AND_NAME)
        .forEach(
            resource -> {
              try {
                JsonNode tree = JSON.valueToTree(resource);
                documents.add(KyvernoDocuments.fromResource(kind, tree));
              } catch (IllegalArgumentException e) {
                // One malformed object must not hide all others; the CRD schema normally prevents
                // this.
                LOG.warn(
                    "skipping malformed policy resource",
                    "kind",
                    kind,
                    "name",
                    resource.getMetadata().getName(),
                    "reason",
                    e.getMessage());
              }
            });
  }

  /**
   * ImageValidatingPolicies and PolicyExceptions are read as they are (apiVersion, kind, metadata,
   * spec).
   */
  private static void addIvpols(
      List<PolicyDocument> documents, List<GenericKubernetesResource> resources) {
    resources.stream()
        .sorted(BY_NAMESPACE_AND_NAME)
        .forEach(
            resource -> {
              JsonNode tree = JSON.valueToTree(resource);
              com.fasterxml.jackson.databind.node.ObjectNode doc = JSON.createObjectNode();
              doc.set("apiVersion", tree.path("apiVersion"));
              doc.set("kind", tree.path("kind"));
              com.fasterxml.jackson.databind.node.ObjectNode meta = doc.putObject("metadata");
              meta.set("name", tree.path("metadata").path("name"));
              if (tree.path("metadata").has("namespace")) {
                meta.set("namespace", tree.path("metadata").path("namespace"));
              }
              if (tree.path("metadata").has("uid")) {
                meta.set("uid", tree.path("metadata").path("uid"));
              }
              doc.set("spec", tree.path("spec"));
              String ns = resource.getMetadata().getNamespace();
              documents.add(
                  new PolicyDocument(
                      resource.getKind()
                          + "/"
                          + (ns == null ? "" : ns + "/")
                          + resource.getMetadata().getName(),
                      null,
                      doc.toString()));
            });
  }

  @Override
  public String describe() {
    return "cluster "
        + KyvernoDocuments.GROUP
        + "/"
        + KyvernoDocuments.VERSION
        + " ClusterImagePolicy, ImagePolicy; policies.kyverno.io/v1 ImageValidatingPolicy,"
        + " NamespacedImageValidatingPolicy, PolicyException; ConfigMaps labelled "
        + CONTEXT_LABEL
        + "=true";
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    rebuilds.shutdownNow();
  }
}
