package dev.imagegate.policy;

import static dev.imagegate.policy.MalformedPolicyTest.resource;
import static dev.imagegate.policy.PolicyMatcherTest.policy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Images found per kind, with JSON pointers for the digest patch, and imageReferences matching. */
class ImageExtractionTest {
  private static final Policy ALL_KINDS =
      policy("match:\n  any:\n  - resources:\n      kinds: [Pod]");
  private final PolicyMatcher matcher = PolicyMatcher.create();

  private List<String> found(Policy p, String yaml) {
    List<RuleMatch> m =
        matcher.matches(p, PolicyMatcherTest.resource(yaml), Operation.CREATE, Map.of());
    assertThat(m).hasSize(1);
    RuleMatch.Applicable a = (RuleMatch.Applicable) m.get(0);
    return a.images().stream()
        .map(
            i ->
                i.category()
                    + "/"
                    + i.containerName()
                    + " "
                    + i.imageRef()
                    + " "
                    + i.jsonPointer()
                    + " "
                    + i.reference()
                    + (i.skipped() ? " skipped" : ""))
        .toList();
  }

  @Test
  void podContainersInitAndEphemeral() {
    assertThat(
            found(
                ALL_KINDS,
                """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: default}
        spec:
          initContainers: [{name: init, image: "busybox"}]
          containers: [{name: app, image: "ghcr.io/org/app:1"}, {name: side, image: "nginx@sha256:%s"}]
          ephemeralContainers: [{name: debug, image: "localhost:5000/tools:v2"}]
        """
                    .formatted("a".repeat(64))))
        .containsExactly(
            "containers/app ghcr.io/org/app:1 /spec/containers/0/image ghcr.io/org/app:1",
            "containers/side nginx@sha256:"
                + "a".repeat(64)
                + " /spec/containers/1/image docker.io/library/nginx@sha256:"
                + "a".repeat(64),
            "initContainers/init busybox /spec/initContainers/0/image docker.io/library/busybox:latest",
            "ephemeralContainers/debug localhost:5000/tools:v2 /spec/ephemeralContainers/0/image localhost:5000/tools:v2");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Deployment  | apps/v1  | template: {spec: {containers: [{name: app, image: "ghcr.io/org/app:1"}]}}                              | /spec/template/spec/containers/0/image
      StatefulSet | apps/v1  | template: {spec: {initContainers: [{name: app, image: "ghcr.io/org/app:1"}]}}                          | /spec/template/spec/initContainers/0/image
      Job         | batch/v1 | template: {spec: {containers: [{name: app, image: "ghcr.io/org/app:1"}]}}                              | /spec/template/spec/containers/0/image
      CronJob     | batch/v1 | jobTemplate: {spec: {template: {spec: {containers: [{name: app, image: "ghcr.io/org/app:1"}]}}}}       | /spec/jobTemplate/spec/template/spec/containers/0/image
      """)
  void controllerPodTemplates(String kind, String apiVersion, String spec, String pointer) {
    String yaml =
        "apiVersion: "
            + apiVersion
            + "\nkind: "
            + kind
            + "\nmetadata: {name: x, namespace: default}\nspec:\n  "
            + spec
            + "\n";
    assertThat(found(ALL_KINDS, yaml)).singleElement().asString().contains(" " + pointer + " ");
  }

  @Test
  void tektonTaskRunStatusViaImageExtractors() {
    Policy p =
        PolicyLoader.load(List.of(resource("seeds/002-tekton-taskrun.yaml"))).policies().get(0);
    assertThat(
            found(
                p,
                """
        apiVersion: tekton.dev/v1beta1
        kind: TaskRun
        metadata: {name: run, namespace: ci}
        status:
          taskSpec:
            steps:
            - {name: build, image: "ghcr.io/org/builder:1"}
            - {name: push, image: "gcr.io/tools/pusher@sha256:%s"}
        """
                    .formatted("b".repeat(64))))
        .containsExactly(
            "taskrunstatus/build ghcr.io/org/builder:1 /status/taskSpec/steps/0/image ghcr.io/org/builder:1",
            "taskrunstatus/push gcr.io/tools/pusher@sha256:"
                + "b".repeat(64)
                + " /status/taskSpec/steps/1/image gcr.io/tools/pusher@sha256:"
                + "b".repeat(64));
  }

  @Test
  void tektonPipelineBundleWithoutWildcard() {
    Policy p =
        PolicyLoader.load(List.of(resource("seeds/002-pipeline-bundle.yaml"))).policies().get(0);
    assertThat(
            found(
                p,
                """
        apiVersion: tekton.dev/v1beta1
        kind: PipelineRun
        metadata: {name: run, namespace: ci}
        spec:
          pipelineRef: {name: build-pipeline, bundle: "ghcr.io/org/bundles/build:v1"}
        """))
        .containsExactly(
            "pipelineruns/build-pipeline ghcr.io/org/bundles/build:v1 /spec/pipelineRef/bundle ghcr.io/org/bundles/build:v1");
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      ghcr.io/kyverno/test-verify-image:*  | ghcr.io/kyverno/test-verify-image:signed   | true
      ghcr.io/kyverno/test-verify-image*   | ghcr.io/kyverno/test-verify-image:signed   | true
      ghcr.io/kyverno/*                    | ghcr.io/other/app:1                        | false
      docker.io/nginx:*                    | nginx:1.25                                 | true
      docker.io/library/nginx:*            | nginx:1.25                                 | true
      nginx*                               | nginx:1.25                                 | false
      registry.company.com/*               | registry.company.com/critical/app:v1.0.0   | true
      *                                    | busybox                                    | true
      """)
  void imageReferencesPatterns(String pattern, String image, boolean expected) {
    Policy p = withReferences(pattern, "");
    List<String> images =
        found(
            p,
            "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers: [{name: a, image: \""
                + image
                + "\"}]\n");
    assertThat(!images.isEmpty()).isEqualTo(expected);
  }

  /**
   * Kyverno keeps a skipped image: its mutate phase skips verification but pins the digest, its
   * validate phase ignores the skip list (imageverifier.go verifyImage, validate_image.go).
   */
  @Test
  void skipImageReferencesMarksImagesSkipped() {
    Policy p = withReferences("ghcr.io/*", "ghcr.io/org/debug*");
    assertThat(
            found(
                p,
                """
        apiVersion: v1
        kind: Pod
        metadata: {name: x}
        spec:
          containers: [{name: a, image: "ghcr.io/org/app:1"}, {name: b, image: "ghcr.io/org/debug:1"}]
        """))
        .hasSize(2)
        .satisfiesExactly(
            a -> assertThat(a).startsWith("containers/a ").doesNotEndWith(" skipped"),
            b -> assertThat(b).startsWith("containers/b ").endsWith(" skipped"));
  }

  /**
   * pkg/utils/api/image.go lookupImageExtractor: without {@code value}, the last path segment is
   * the value field ({@code /spec/steps/*\/image} extracts {@code image}); name defaults to custom.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "path {0}, value {1} -> {2}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      textBlock =
          """
      /spec/steps/*/image  | ''    | custom/0 ghcr.io/org/step:1 /spec/steps/0/image
      /spec/steps/*        | image | custom/0 ghcr.io/org/step:1 /spec/steps/0/image
      /spec/steps/*/ref    | ''    | ''
      """)
  void extractorWithoutValueTakesTheLastPathSegment(String path, String value, String expected) {
    String text =
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: x}
        spec:
          validationFailureAction: Enforce
          rules:
          - name: r
            match: {any: [{resources: {kinds: [Task]}}]}
            imageExtractors:
              Task:
              - {path: "%s"%s}
            verifyImages:
            - imageReferences: ["*"]
        """
            .formatted(path, value.isEmpty() ? "" : ", value: " + value);
    Policy p = PolicyLoader.parse(text, "x.yaml").policies().get(0);
    List<String> images =
        found(
            p,
            """
        apiVersion: tekton.dev/v1
        kind: Task
        metadata: {name: t, namespace: default}
        spec:
          steps: [{name: build, image: "ghcr.io/org/step:1"}]
        """);
    if (expected.isEmpty()) {
      assertThat(images).isEmpty();
    } else {
      assertThat(images).singleElement().asString().startsWith(expected);
    }
  }

  @Test
  void invalidImagesAreReportedNotThrown() {
    RuleMatch.Applicable a =
        (RuleMatch.Applicable)
            matcher
                .matches(
                    ALL_KINDS,
                    PolicyMatcherTest.resource(
                        "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers: [{name: a, image: \"UPPER/Case:1\"}]\n"),
                    Operation.CREATE,
                    Map.of())
                .get(0);
    assertThat(a.images()).isEmpty();
    assertThat(a.invalidImages())
        .singleElement()
        .satisfies(i -> assertThat(i.jsonPointer()).isEqualTo("/spec/containers/0/image"));
  }

  @Test
  void configMapKeysAndImagesVariableAreResolvedPerRequest() {
    String text =
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: keys-from-configmap}
        spec:
          validationFailureAction: Enforce
          rules:
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            context:
            - name: keys
              configMap: {name: keys, namespace: kyverno}
            verifyImages:
            - imageReferences: ["ghcr.io/*"]
              attestors:
              - entries:
                - keys:
                    publicKeys: "{{ keys.data.production }}"
              attestations:
              - type: https://example.com/CodeReview/v1
                conditions:
                - all:
                  - key: "{{ repo.uri }}"
                    operator: Equals
                    value: "{{ images.containers.app.registry }}"
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: keys, namespace: kyverno}
        data:
          production: |
            -----BEGIN PUBLIC KEY-----
            MFkw
            -----END PUBLIC KEY-----
        """;
    LoadResult loaded = PolicyLoader.parse(text, "p.yaml");
    assertThat(loaded.configMaps())
        .singleElement()
        .satisfies(c -> assertThat(c.data()).containsKey("production"));
    Policy p = loaded.policies().get(0);
    assertThat(p.rules().get(0).verifyImages().get(0).attestors().get(0).entries().get(0).trust())
        .isInstanceOfSatisfying(
            AttestorTrust.Keys.class,
            k -> assertThat(k.source()).isInstanceOf(KeySource.Unresolved.class));
    JsonNode pod =
        PolicyMatcherTest.resource(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers: [{name: app, image: \"ghcr.io/org/app:1\"}]\n");

    RuleMatch m =
        PolicyMatcher.create(loaded.configMaps(), Clock.systemUTC())
            .matches(p, pod, Operation.CREATE, Map.of())
            .get(0);
    assertThat(m)
        .isInstanceOfSatisfying(
            RuleMatch.Applicable.class,
            a -> {
              VerifyImage v = a.verifyImages().get(0);
              assertThat(v.attestors().get(0).entries().get(0).trust())
                  .isInstanceOfSatisfying(
                      AttestorTrust.Keys.class,
                      k ->
                          assertThat(k.source())
                              .isEqualTo(
                                  new KeySource.Pem(
                                      "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n")));
              // Attestation conditions keep their variables: they are evaluated against the
              // predicate later.
              assertThat(v.attestations().get(0).conditions().get(0).all().get(0).key().asText())
                  .isEqualTo("{{ repo.uri }}");
              assertThat(a.context().toJson().at("/images/containers/app/registry").asText())
                  .isEqualTo("ghcr.io");
              assertThat(a.context().toJson().at("/images/containers/app/jsonPointer").asText())
                  .isEqualTo("/spec/containers/0/image");
              assertThat(a.images())
                  .singleElement()
                  .satisfies(i -> assertThat(i.verifyImage()).isSameAs(v));
            });

    RuleMatch missing =
        PolicyMatcher.create(List.of(), Clock.systemUTC())
            .matches(p, pod, Operation.CREATE, Map.of())
            .get(0);
    assertThat(missing)
        .isInstanceOfSatisfying(
            RuleMatch.Unresolvable.class,
            u -> {
              assertThat(u.message()).contains("ConfigMap kyverno/keys not found");
              assertThat(u.location().toString()).startsWith("p.yaml:11:");
            });
  }

  @Test
  void unusedMissingConfigMapIsNotAnError() {
    // Seed 001 declares a "keys" ConfigMap context that its verifyImages never uses.
    Policy p =
        PolicyLoader.load(List.of(resource("seeds/001-sbom-attestation.yaml"))).policies().get(0);
    JsonNode pod =
        PolicyMatcherTest.resource(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers: [{name: app, image: \"ghcr.io/kyverno/test-verify-image:signed\"}]\n");
    assertThat(matcher.matches(p, pod, Operation.CREATE, Map.of()))
        .singleElement()
        .isInstanceOfSatisfying(RuleMatch.Applicable.class, a -> assertThat(a.images()).hasSize(1));
  }

  @Test
  void preconditionsGateTheRule() {
    Policy p =
        PolicyLoader.parse(
                """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: pre}
        spec:
          validationFailureAction: Enforce
          rules:
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            preconditions:
              all:
              - key: "{{ request.object.metadata.labels.verify || 'no' }}"
                operator: Equals
                value: "yes"
            verifyImages:
            - imageReferences: ["*"]
              attestors: [{entries: [{keyless: {subject: "*", issuer: "*", rekor: {url: "https://rekor.sigstore.dev"}}}]}]
        """,
                "pre.yaml")
            .policies()
            .get(0);
    JsonNode labelled =
        PolicyMatcherTest.resource(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: x, labels: {verify: \"yes\"}}\n");
    JsonNode plain = PolicyMatcherTest.resource("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n");
    assertThat(matcher.matches(p, labelled, Operation.CREATE, Map.of())).hasSize(1);
    assertThat(matcher.matches(p, plain, Operation.CREATE, Map.of())).isEmpty();
  }

  private static Policy withReferences(String pattern, String skip) {
    String text =
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: refs}
        spec:
          validationFailureAction: Enforce
          rules:
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            verifyImages:
            - imageReferences: ["%s"]
              skipImageReferences: [%s]
              attestors: [{entries: [{keyless: {subject: "*", issuer: "*", rekor: {url: "https://rekor.sigstore.dev"}}}]}]
        """
            .formatted(pattern, skip.isEmpty() ? "" : "\"" + skip + "\"");
    return PolicyLoader.parse(text, "refs.yaml").policies().get(0);
  }
}
