package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Real {@code helm lint} and {@code helm template} (helm-java's native Helm) on
 * deploy/helm/imagegate, a structural check of every rendered document, and the plain manifests in
 * deploy/manifests/imagegate.yaml kept equal to the rendering (regenerate with {@code
 * -Dimagegate.updateManifests=true}).
 */
class HelmChartTest {
  private static final Path DEPLOY = Path.of(System.getProperty("imagegate.deploy", "../deploy"));
  private static final Path CHART = DEPLOY.resolve("helm/imagegate");
  private static final Path MANIFESTS = DEPLOY.resolve("manifests/imagegate.yaml");
  private static final YAMLMapper YAML = new YAMLMapper();

  private static String render(Map<String, Object> values) {
    var template =
        new Helm(CHART)
            .template()
            .withName("imagegate")
            .withNamespace("imagegate")
            .withKubeVersion("1.31.0");
    values.forEach(template::set);
    return template.call();
  }

  private static List<JsonNode> documents(String yaml) throws Exception {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode document = it.next();
        if (document != null && !document.isNull() && !document.isEmpty()) {
          documents.add(document);
        }
      }
    }
    return documents;
  }

  private static Map<String, JsonNode> byKindAndName(List<JsonNode> documents) {
    return documents.stream()
        .collect(
            Collectors.toMap(
                d -> d.path("kind").asText() + "/" + d.at("/metadata/name").asText(),
                Function.identity()));
  }

  @Test
  void lintPasses() {
    LintResult result = new Helm(CHART).lint().strict().call();

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void everyRenderedDocumentIsWellFormed() throws Exception {
    for (String mode : List.of("certManager", "generated")) {
      List<JsonNode> documents = documents(render(Map.of("tls.mode", mode)));
      assertThat(documents)
          .isNotEmpty()
          .allSatisfy(
              d -> {
                assertThat(d.path("apiVersion").asText()).isNotEmpty();
                assertThat(d.path("kind").asText()).isNotEmpty();
                assertThat(d.at("/metadata/name").asText()).isNotEmpty();
              });
    }
  }

  @Test
  void deploymentHasThreeHardenedReplicasWithProbesAndMounts() throws Exception {
    JsonNode deployment = byKindAndName(documents(render(Map.of()))).get("Deployment/imagegate");

    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
    JsonNode container = deployment.at("/spec/template/spec/containers/0");
    assertThat(container.path("args").toString())
        .contains(
            "serve",
            "--policies=/etc/imagegate/policies",
            "--tls-cert=/etc/imagegate/tls/tls.crt",
            "--review-deadline-ms=8000",
            "--failure-policy=Fail",
            "--cluster-policies");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/readinessProbe/httpGet/scheme").asText()).isEqualTo("HTTPS");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(deployment.at("/spec/template/spec/volumes").toString())
        .contains("imagegate-tls", "imagegate-policies");
  }

  @Test
  void webhooksSkipSystemNamespacesAndDeclareNoSideEffects() throws Exception {
    Map<String, JsonNode> rendered = byKindAndName(documents(render(Map.of())));

    for (String kind : List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
      JsonNode configuration = rendered.get(kind + "/imagegate");
      assertThat(configuration.at("/metadata/annotations/cert-manager.io~1inject-ca-from").asText())
          .isEqualTo("imagegate/imagegate");
      JsonNode webhook = configuration.at("/webhooks/0");
      assertThat(webhook.path("failurePolicy").asText()).isEqualTo("Fail");
      assertThat(webhook.path("timeoutSeconds").asInt()).isEqualTo(10);
      assertThat(webhook.path("sideEffects").asText()).isEqualTo("None");
      assertThat(webhook.path("admissionReviewVersions").toString()).isEqualTo("[\"v1\"]");
      assertThat(webhook.at("/namespaceSelector/matchExpressions/0/operator").asText())
          .isEqualTo("NotIn");
      assertThat(webhook.at("/namespaceSelector/matchExpressions/0/values").toString())
          .contains("kube-system", "imagegate");
      assertThat(webhook.at("/clientConfig/service/path").asText())
          .isEqualTo(kind.startsWith("Mutating") ? "/mutate" : "/validate");
    }
    assertThat(rendered)
        .containsKeys(
            "PodDisruptionBudget/imagegate",
            "Service/imagegate",
            "Certificate/imagegate",
            "Issuer/imagegate-selfsigned",
            "ClusterRole/imagegate",
            "ConfigMap/imagegate-policies",
            "CustomResourceDefinition/clusterimagepolicies.imagegate.dev",
            "CustomResourceDefinition/imagepolicies.imagegate.dev",
            "ServiceAccount/imagegate");
  }

  /**
   * Finding 3 of issue 12: every kind the engine extracts images from (Pod and Kyverno's autogen
   * controllers) and the {@code pods/ephemeralcontainers} subresource reach both webhooks, in the
   * chart and in the plain manifests.
   */
  @Test
  void webhookRulesCoverEveryKindAndSubresourceTheEngineHandles() throws Exception {
    List<String> expected =
        List.of(
            "/v1/pods",
            "/v1/pods/ephemeralcontainers",
            "/v1/replicationcontrollers",
            "apps/v1/deployments",
            "apps/v1/replicasets",
            "apps/v1/statefulsets",
            "apps/v1/daemonsets",
            "batch/v1/jobs",
            "batch/v1/cronjobs");
    for (String yaml : List.of(render(Map.of()), Files.readString(MANIFESTS))) {
      Map<String, JsonNode> rendered = byKindAndName(documents(yaml));
      for (String kind :
          List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
        List<String> covered = new ArrayList<>();
        for (JsonNode rule : rendered.get(kind + "/imagegate").at("/webhooks/0/rules")) {
          assertThat(rule.path("operations").toString()).contains("CREATE", "UPDATE");
          for (JsonNode group : rule.path("apiGroups")) {
            for (JsonNode version : rule.path("apiVersions")) {
              for (JsonNode resource : rule.path("resources")) {
                covered.add(group.asText() + "/" + version.asText() + "/" + resource.asText());
              }
            }
          }
        }
        assertThat(covered).as(kind).containsAll(expected);
      }
    }
  }

  /**
   * Finding 9 of issue 12: a later mutating webhook that injects a sidecar must make the API server
   * call imagegate's mutating webhook again (Kyverno's own uses IfNeeded).
   */
  @Test
  void mutatingWebhookIsReinvokedWhenAnotherWebhookChangesThePod() throws Exception {
    for (String yaml : List.of(render(Map.of()), Files.readString(MANIFESTS))) {
      JsonNode mutating =
          byKindAndName(documents(yaml)).get("MutatingWebhookConfiguration/imagegate");
      assertThat(mutating.at("/webhooks/0/reinvocationPolicy").asText()).isEqualTo("IfNeeded");
    }
  }

  @Test
  void generatedTlsModeEmbedsTheCaBundleAndSecret() throws Exception {
    Map<String, JsonNode> rendered =
        byKindAndName(documents(render(Map.of("tls.mode", "generated"))));

    assertThat(rendered)
        .containsKey("Secret/imagegate-tls")
        .doesNotContainKey("Certificate/imagegate");
    assertThat(
            rendered
                .get("ValidatingWebhookConfiguration/imagegate")
                .at("/webhooks/0/clientConfig/caBundle")
                .asText())
        .isNotEmpty();
  }

  @Test
  void plainManifestsMatchTheChart() throws Exception {
    String rendered =
        "# Rendered from deploy/helm/imagegate with default values (release imagegate, namespace\n"
            + "# imagegate) by HelmChartTest; regenerate with -Dimagegate.updateManifests=true.\n"
            + render(Map.of());
    if (Boolean.getBoolean("imagegate.updateManifests") || !Files.exists(MANIFESTS)) {
      Files.createDirectories(MANIFESTS.getParent());
      Files.writeString(MANIFESTS, rendered);
    }
    assertThat(Files.readString(MANIFESTS)).isEqualTo(rendered);
  }
}
