package dev.imagegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** match/exclude, kinds forms, namespaces, selectors, operations, autogen. */
class PolicyMatcherTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final PolicyMatcher matcher = PolicyMatcher.create();

  static Policy policy(String matchYaml) {
    return policy(matchYaml, "", "");
  }

  /**
   * A ClusterPolicy with one verifyImages rule; {@code matchYaml} is the rule's match (and exclude)
   * at rule indentation.
   */
  static Policy policy(String matchYaml, String annotations, String verifyExtra) {
    String text =
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata:
          name: p
        %s
        spec:
          validationFailureAction: Enforce
          rules:
          - name: r
        %s
            verifyImages:
            - imageReferences: ["*"]
              attestors:
              - entries:
                - keys:
                    publicKeys: "-----BEGIN PUBLIC KEY-----\\nMFk=\\n-----END PUBLIC KEY-----"
        %s
        """
            .formatted(
                annotations.indent(2).stripTrailing(),
                matchYaml.indent(4).stripTrailing(),
                verifyExtra.indent(6).stripTrailing());
    LoadResult r = PolicyLoader.parse(text, "test.yaml");
    assertThat(r.policies()).hasSize(1);
    return r.policies().get(0);
  }

  static JsonNode resource(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode pod(String namespace, String labels) {
    return resource(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: %s, labels: {%s}}
        spec:
          containers: [{name: app, image: "ghcr.io/org/app:1"}]
        """
            .formatted(namespace, labels));
  }

  @ParameterizedTest(name = "kinds {0} vs {1} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Pod                               | v1                 | Pod        | true
      v1/Pod                            | v1                 | Pod        | true
      v2/Pod                            | v1                 | Pod        | false
      apps/v1/Deployment                | apps/v1            | Deployment | true
      apps/v1/Deployment                | apps/v1beta1       | Deployment | false
      apps/*/Deployment                 | apps/v1beta1       | Deployment | true
      tekton.dev/v1beta1/TaskRun.status | tekton.dev/v1beta1 | TaskRun    | true
      tekton.dev/v1beta1/TaskRun        | tekton.dev/v1      | TaskRun    | false
      TaskRun                           | tekton.dev/v1      | TaskRun    | true
      Deploy*                           | apps/v1            | Deployment | true
      StatefulSet                       | apps/v1            | Deployment | false
      """)
  void kindForms(String kind, String apiVersion, String resourceKind, boolean expected) {
    Policy p = policy("match:\n  any:\n  - resources:\n      kinds: [\"" + kind + "\"]");
    JsonNode r =
        resource(
            "apiVersion: "
                + apiVersion
                + "\nkind: "
                + resourceKind
                + "\nmetadata: {name: x, namespace: default}\n");
    // Autogen would let a Pod rule match controllers; the kinds here are not Pod-only except the
    // first rows.
    boolean matched = !matcher.matches(p, r, Operation.CREATE, Map.of()).isEmpty();
    assertThat(matched).isEqualTo(expected);
  }

  @Test
  void subresourceSelectorsNeedThatSubresourceInAdmission() {
    Policy p =
        policy(
            "match:\n  any:\n  - resources:\n      kinds: [\"tekton.dev/v1beta1/TaskRun.status\"]");
    JsonNode r =
        resource(
            "apiVersion: tekton.dev/v1beta1\nkind: TaskRun\nmetadata: {name: x, namespace: default}\n");
    assertThat(matcher.matches(p, r, Operation.UPDATE, Map.of(), "status")).hasSize(1);
    assertThat(matcher.matches(p, r, Operation.UPDATE, Map.of(), "log")).isEmpty();
    Policy plain = policy("match:\n  any:\n  - resources:\n      kinds: [\"TaskRun\"]");
    assertThat(matcher.matches(plain, r, Operation.UPDATE, Map.of(), "status")).isEmpty();
  }

  @ParameterizedTest(name = "{0} | ns {1} labels {2} op {3} -> {4}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      `{kinds: [Pod], namespaces: ["prod-*"]}`                                   | prod-eu     | app: web | CREATE | true
      `{kinds: [Pod], namespaces: ["prod-*"]}`                                   | staging     | app: web | CREATE | false
      `{kinds: [Pod], namespaces: ["prod-?"]}`                                   | prod-1      | app: web | CREATE | true
      `{kinds: [Pod], names: ["we*"]}`                                           | default     | app: web | CREATE | true
      `{kinds: [Pod], names: ["db"]}`                                            | default     | app: web | CREATE | false
      `{kinds: [Pod], selector: {matchLabels: {app: web}}}`                      | default     | app: web | CREATE | true
      `{kinds: [Pod], selector: {matchLabels: {app: db}}}`                       | default     | app: web | CREATE | false
      `{kinds: [Pod], selector: {matchExpressions: [{key: app, operator: In, values: [web, api]}]}}` | default | app: web | CREATE | true
      `{kinds: [Pod], selector: {matchExpressions: [{key: tier, operator: DoesNotExist}]}}` | default | app: web | CREATE | true
      `{kinds: [Pod], selector: {matchExpressions: [{key: app, operator: NotIn, values: [web]}]}}` | default | app: web | CREATE | false
      `{kinds: [Pod], namespaceSelector: {matchLabels: {env: prod}}}`            | default     | app: web | CREATE | true
      `{kinds: [Pod], namespaceSelector: {matchLabels: {env: dev}}}`             | default     | app: web | CREATE | false
      `{kinds: [Pod], operations: [CREATE]}`                                     | default     | app: web | CREATE | true
      `{kinds: [Pod], operations: [CREATE]}`                                     | default     | app: web | UPDATE | false
      """)
  void resourceFilters(
      String resources, String namespace, String labels, Operation op, boolean expected) {
    Policy p = policy("match:\n  any:\n  - resources: " + resources);
    assertThat(!matcher.matches(p, pod(namespace, labels), op, Map.of("env", "prod")).isEmpty())
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      `match: {any: [{resources: {kinds: [Pod]}}], all: [{resources: {namespaces: [prod]}}]}`                    | true
      `match: {all: [{resources: {kinds: [Pod]}}, {resources: {namespaces: [dev]}}]}`                          | false
      `match: {resources: {kinds: [Pod], namespaces: [prod]}}`                                                 | true
      `match: {any: [{resources: {kinds: [Deployment]}}, {resources: {kinds: [Pod]}}]}`                        | true
      `{match: {any: [{resources: {kinds: [Pod]}}]}, exclude: {any: [{resources: {namespaces: [prod]}}]}}`     | false
      `{match: {any: [{resources: {kinds: [Pod]}}]}, exclude: {any: [{resources: {namespaces: [kube-*]}}]}}`   | true
      `{match: {any: [{resources: {kinds: [Pod]}}]}, exclude: {all: [{resources: {namespaces: [prod]}}, {resources: {names: [db]}}]}}` | true
      `{match: {any: [{resources: {kinds: [Pod]}}]}, exclude: {all: [{resources: {namespaces: [prod]}}, {resources: {names: [web]}}]}}` | false
      `{match: {any: [{resources: {kinds: [Pod]}}]}, exclude: {resources: {selector: {matchLabels: {app: web}}}}}` | false
      `{match: {any: [{resources: {kinds: [Pod]}}]}, exclude: {any: [{clusterRoles: [cluster-admin]}]}}`       | true
      """)
  void matchAndExcludeForms(String yaml, boolean expected) throws Exception {
    String rule = yaml.startsWith("{") ? flowToBlock(yaml) : yaml;
    Policy p = policy(rule);
    assertThat(!matcher.matches(p, pod("prod", "app: web"), Operation.CREATE, Map.of()).isEmpty())
        .isEqualTo(expected);
  }

  private static String flowToBlock(String flow) throws Exception {
    return new ObjectMapper(
            new YAMLFactory()
                .disable(
                    com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature
                        .WRITE_DOC_START_MARKER))
        .writeValueAsString(YAML.readTree(flow));
  }

  @ParameterizedTest(name = "autogen {0} annotation [{1}] -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Deployment            | ''                   | autogen-r
      StatefulSet           | ''                   | autogen-r
      DaemonSet             | ''                   | autogen-r
      Job                   | ''                   | autogen-r
      ReplicaSet            | ''                   | autogen-r
      ReplicationController | ''                   | autogen-r
      CronJob               | ''                   | autogen-cronjob-r
      Pod                   | ''                   | r
      Deployment            | none                 | -
      Deployment            | 'Deployment,CronJob' | autogen-r
      StatefulSet           | 'Deployment,CronJob' | -
      Service               | ''                   | -
      """)
  void autogenCoversPodControllers(String kind, String controllers, String expectedRule) {
    String annotations =
        controllers.isEmpty()
            ? ""
            : "annotations:\n  pod-policies.kyverno.io/autogen-controllers: \""
                + controllers
                + "\"";
    Policy p = policy("match:\n  any:\n  - resources:\n      kinds: [Pod]", annotations, "");
    JsonNode r =
        resource(
            "apiVersion: apps/v1\nkind: " + kind + "\nmetadata: {name: x, namespace: default}\n");
    List<RuleMatch> m = matcher.matches(p, r, Operation.CREATE, Map.of());
    assertThat(m.isEmpty() ? "-" : m.get(0).ruleName()).isEqualTo(expectedRule);
  }

  @Test
  void noAutogenWhenTheRuleFiltersOnPodLabels() {
    Policy p =
        policy(
            "match:\n  any:\n  - resources:\n      kinds: [Pod]\n      selector: {matchLabels: {app: web}}");
    JsonNode deployment =
        resource(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x, namespace: default, labels: {app: web}}\n");
    assertThat(matcher.matches(p, deployment, Operation.CREATE, Map.of())).isEmpty();
  }

  @Test
  void namespacedPolicyOnlySeesItsNamespace() {
    String text =
        """
        apiVersion: kyverno.io/v1
        kind: Policy
        metadata: {name: p, namespace: team-a}
        spec:
          validationFailureAction: Enforce
          rules:
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            verifyImages:
            - imageReferences: ["*"]
              attestors: [{entries: [{keyless: {subject: "*", issuer: "*", rekor: {url: "https://rekor.sigstore.dev"}}}]}]
        """;
    Policy p = PolicyLoader.parse(text, "p.yaml").policies().get(0);
    assertThat(p.qualifiedName()).isEqualTo("team-a/p");
    assertThat(matcher.matches(p, pod("team-a", ""), Operation.CREATE, Map.of())).hasSize(1);
    assertThat(matcher.matches(p, pod("team-b", ""), Operation.CREATE, Map.of())).isEmpty();
  }
}
