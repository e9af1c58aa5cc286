package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.ivpol.IvpolLoader;
import dev.imagegate.webhook.internal.ClusterPolicySource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** serve --kubernetes watches Kyverno's own ImageValidatingPolicy objects and reads them as-is. */
@EnableKubernetesMockClient(crud = true)
class IvpolClusterSourceTest {
  static KubernetesClient client;

  static final ResourceDefinitionContext IVPOLS =
      new ResourceDefinitionContext.Builder()
          .withGroup("policies.kyverno.io")
          .withVersion("v1")
          .withKind("ImageValidatingPolicy")
          .withPlural("imagevalidatingpolicies")
          .withNamespaced(false)
          .build();

  static GenericKubernetesResource ivpol(String name) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("policies.kyverno.io/v1")
        .withKind("ImageValidatingPolicy")
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withAdditionalProperties(
            Map.of(
                "spec",
                Map.of(
                    "matchConstraints",
                    Map.of(
                        "resourceRules",
                        List.of(
                            Map.of(
                                "apiGroups", List.of(""),
                                "apiVersions", List.of("v1"),
                                "operations", List.of("CREATE"),
                                "resources", List.of("pods")))),
                    "attestors",
                    List.of(),
                    "validations",
                    List.of(Map.of("expression", "true")))))
        .build();
  }

  @Test
  void kyvernoImageValidatingPoliciesArrive() throws Exception {
    client.genericKubernetesResources(IVPOLS).resource(ivpol("from-kyverno")).create();
    LinkedBlockingQueue<PolicySet> sets = new LinkedBlockingQueue<>();
    try (ClusterPolicySource source = new ClusterPolicySource(client, Duration.ofMillis(50))) {
      source.start(sets::add);
      PolicySet first = sets.poll(30, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.documents())
          .singleElement()
          .satisfies(
              doc -> {
                assertThat(doc.origin()).isEqualTo("ImageValidatingPolicy/from-kyverno");
                assertThat(IvpolLoader.parse(doc.content(), doc.origin()).policies())
                    .singleElement()
                    .satisfies(p -> assertThat(p.name()).isEqualTo("from-kyverno"));
              });
    }
  }
}
