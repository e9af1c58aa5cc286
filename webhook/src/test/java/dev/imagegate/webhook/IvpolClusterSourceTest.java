package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.ivpol.IvpolLoader;
import dev.imagegate.webhook.internal.ClusterPolicySource;
import dev.imagegate.webhook.internal.ClusterResourceLookup;
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

  static final ResourceDefinitionContext EXCEPTIONS =
      new ResourceDefinitionContext.Builder()
          .withGroup("policies.kyverno.io")
          .withVersion("v1")
          .withKind("PolicyException")
          .withPlural("policyexceptions")
          .withNamespaced(true)
          .build();

  @Test
  void kyvernoPolicyExceptionsArriveWithThePolicies() throws Exception {
    client.genericKubernetesResources(IVPOLS).resource(ivpol("excepted")).create();
    GenericKubernetesResource exception =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("policies.kyverno.io/v1")
            .withKind("PolicyException")
            .withNewMetadata()
            .withName("skip-debug")
            .withNamespace("team-a")
            .endMetadata()
            .withAdditionalProperties(
                Map.of(
                    "spec",
                    Map.of(
                        "policyRefs",
                        List.of(Map.of("name", "excepted", "kind", "ImageValidatingPolicy")),
                        "matchConditions",
                        List.of(
                            Map.of(
                                "name",
                                "debug",
                                "expression",
                                "object.metadata.name == 'debug'")))))
            .build();
    client
        .genericKubernetesResources(EXCEPTIONS)
        .inNamespace("team-a")
        .resource(exception)
        .create();
    LinkedBlockingQueue<PolicySet> sets = new LinkedBlockingQueue<>();
    try (ClusterPolicySource source = new ClusterPolicySource(client, Duration.ofMillis(50))) {
      source.start(sets::add);
      // An informer's first events may deliver a set before the last informer has listed; the
      // complete set follows.
      PolicyDocument doc = null;
      while (doc == null) {
        PolicySet set = sets.poll(30, TimeUnit.SECONDS);
        assertThat(set).as("a set with the PolicyException").isNotNull();
        doc =
            set.documents().stream()
                .filter(d -> d.origin().equals("PolicyException/team-a/skip-debug"))
                .findFirst()
                .orElse(null);
      }
      assertThat(IvpolLoader.parse(doc.content(), doc.origin()).exceptions())
          .singleElement()
          .satisfies(x -> assertThat(x.displayName()).contains("skip-debug"));
    } finally {
      client.genericKubernetesResources(EXCEPTIONS).inNamespace("team-a").delete();
      client.genericKubernetesResources(IVPOLS).withName("excepted").delete();
    }
  }

  @Test
  void resourceGetAndListReadTheApiServer() {
    for (String ns : List.of("team-a", "team-b")) {
      client
          .configMaps()
          .inNamespace(ns)
          .resource(
              new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("allowed")
                  .withNamespace(ns)
                  .endMetadata()
                  .withData(Map.of("repo", "registry.example/" + ns))
                  .build())
          .create();
    }
    ClusterResourceLookup lookup = new ClusterResourceLookup(client);
    Map<String, Object> got = lookup.get("v1", "configmaps", "team-a", "allowed");
    assertThat(got).isNotNull();
    assertThat(got.get("data")).isEqualTo(Map.of("repo", "registry.example/team-a"));
    assertThat(lookup.get("v1", "configmaps", "team-a", "missing")).isNull();
    assertThat(lookup.list("v1", "configmaps", "team-b")).hasSize(1);
    assertThat(lookup.list("v1", "configmaps", "")).hasSizeGreaterThanOrEqualTo(2);
  }
}
