package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.webhook.internal.ClusterNamespaceLabels;
import dev.imagegate.webhook.internal.ClusterPolicySource;
import dev.imagegate.webhook.internal.ClusterPullSecretResolver;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The cluster-backed pieces against fabric8's CRUD mock API server (no real cluster here). */
@EnableKubernetesMockClient(crud = true)
class ClusterSourcesTest {
  static KubernetesClient client;

  private static final ResourceDefinitionContext CLUSTER_POLICIES =
      new ResourceDefinitionContext.Builder()
          .withGroup("imagegate.dev")
          .withVersion("v1alpha1")
          .withKind("ClusterImagePolicy")
          .withPlural("clusterimagepolicies")
          .withNamespaced(false)
          .build();

  private static GenericKubernetesResource clusterPolicy(String name, String action) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("imagegate.dev/v1alpha1")
        .withKind("ClusterImagePolicy")
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withAdditionalProperties(
            Map.of(
                "spec",
                Map.of(
                    "validationFailureAction",
                    action,
                    "rules",
                    List.of(
                        Map.of(
                            "name",
                            "verify",
                            "verifyImages",
                            List.of(Map.of("imageReferences", List.of("ghcr.io/*"))))))))
        .build();
  }

  @Test
  void clusterPoliciesBecomeKyvernoDocumentsAndChangesArrive() throws Exception {
    client
        .genericKubernetesResources(CLUSTER_POLICIES)
        .resource(clusterPolicy("require-signed", "Enforce"))
        .create();
    client
        .configMaps()
        .inNamespace("imagegate")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("keys")
                .withNamespace("imagegate")
                .addToLabels(ClusterPolicySource.CONTEXT_LABEL, "true")
                .endMetadata()
                .addToData("cosign.pub", "-----BEGIN PUBLIC KEY-----")
                .build())
        .create();
    LinkedBlockingQueue<PolicySet> sets = new LinkedBlockingQueue<>();

    try (ClusterPolicySource source = new ClusterPolicySource(client, Duration.ofMillis(50))) {
      source.start(sets::add);

      PolicySet first = sets.poll(30, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.documents())
          .singleElement()
          .satisfies(
              doc -> {
                assertThat(doc.origin()).isEqualTo("ClusterImagePolicy/require-signed");
                assertThat(doc.file()).isNull();
                assertThat(doc.content())
                    .contains(
                        "apiVersion: \"kyverno.io/v1\"",
                        "kind: \"ClusterPolicy\"",
                        "name: \"require-signed\"",
                        "validationFailureAction: \"Enforce\"",
                        "imageReferences");
              });
      assertThat(first.context())
          .containsEntry("imagegate/keys", Map.of("cosign.pub", "-----BEGIN PUBLIC KEY-----"));

      client
          .genericKubernetesResources(CLUSTER_POLICIES)
          .resource(clusterPolicy("audit-only", "Audit"))
          .create();

      PolicySet second = sets.poll(30, TimeUnit.SECONDS);
      assertThat(second).isNotNull();
      assertThat(second.documents())
          .extracting(PolicyDocument::origin)
          .containsExactly("ClusterImagePolicy/audit-only", "ClusterImagePolicy/require-signed");
      assertThat(second.version()).isNotEqualTo(first.version());
    }
  }

  @Test
  void pullSecretsComeFromConfiguredServiceAccountAndWorkload() {
    client
        .secrets()
        .inNamespace("imagegate")
        .resource(dockerSecret("imagegate", "global", "ghcr.io", "global"))
        .create();
    client
        .secrets()
        .inNamespace("team")
        .resource(dockerSecret("team", "sa-secret", "quay.io", "sa"))
        .create();
    client
        .secrets()
        .inNamespace("team")
        .resource(dockerSecret("team", "pod-secret", "ghcr.io", "pod"))
        .create();
    client
        .serviceAccounts()
        .inNamespace("team")
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("builder")
                .withNamespace("team")
                .endMetadata()
                .addNewImagePullSecret("sa-secret")
                .build())
        .create();
    var pod = Reviews.pod("web", "ghcr.io/acme/web:1");
    ((com.fasterxml.jackson.databind.node.ObjectNode) pod.path("spec"))
        .put("serviceAccountName", "builder")
        .putArray("imagePullSecrets")
        .addObject()
        .put("name", "pod-secret");
    var resolver =
        new ClusterPullSecretResolver(
            client,
            List.of(
                ClusterPullSecretResolver.ObjectRef.parse("global", "imagegate"),
                ClusterPullSecretResolver.ObjectRef.parse("imagegate/missing", "x")),
            true,
            Duration.ofSeconds(30));

    RegistryAuths auths =
        resolver.resolve(ResourceRequest.builder(pod).namespace("team").uid("u").build());

    assertThat(auths.forRegistry("ghcr.io").orElseThrow().username()).isEqualTo("pod");
    assertThat(auths.forRegistry("quay.io").orElseThrow().username()).isEqualTo("sa");
  }

  @Test
  void namespaceLabelsAreLookedUp() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("prod")
                .addToLabels("env", "prod")
                .endMetadata()
                .build())
        .create();
    var labels = new ClusterNamespaceLabels(client, Duration.ofSeconds(30));

    assertThat(labels.labels("prod")).containsEntry("env", "prod");
    assertThat(labels.labels("absent")).isEmpty();
    assertThat(labels.labels("")).isEmpty();
  }

  private static io.fabric8.kubernetes.api.model.Secret dockerSecret(
      String namespace, String name, String registry, String user) {
    String config =
        "{\"auths\":{\"" + registry + "\":{\"username\":\"" + user + "\",\"password\":\"pw\"}}}";
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withType("kubernetes.io/dockerconfigjson")
        .addToData(
            ".dockerconfigjson",
            Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8)))
        .build();
  }
}
