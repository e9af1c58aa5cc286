package dev.imagegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.policy.LoadResult;
import dev.imagegate.policy.PolicyLoader;
import dev.imagegate.testkit.CosignKeyPair;
import dev.imagegate.testkit.Fixtures;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.TestPods;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Engine semantics as rule tables against a real registry with images signed and attested by the
 * real cosign: each row is a verifyImages entry, the image, the admission phase, and Kyverno
 * v1.19's verdict (allowed or not, the rule status, a part of Kyverno's message) with the Kyverno
 * source that decides it. Images: {@code signed} (signed with the policy key), {@code unsigned},
 * {@code reviewed} (signed and attested with a CodeReview predicate, branch main).
 */
class EngineSemanticsTest {
  static final Peers PEERS = Peers.installed();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String REVIEW = "https://example.com/CodeReview/v1";
  @TempDir static Path work;
  static LocalRegistry registry;
  static String reg;
  static String key;
  static final java.util.Map<String, String> DIGESTS = new java.util.HashMap<>();

  @BeforeAll
  static void signImages() throws Exception {
    assumeTrue(PEERS.available() && PEERS.has("crane"), "peers not installed: run bin/peers");
    registry = LocalRegistry.start(PEERS);
    reg = registry.host();
    Fixtures fixtures = new Fixtures(PEERS, work);
    for (String tag : List.of("signed", "unsigned", "reviewed")) {
      DIGESTS.put(tag, fixtures.pushRandomImage(reg, "app:" + tag));
    }
    CosignKeyPair cosign = CosignKeyPair.generate(PEERS, work);
    for (String tag : List.of("signed", "reviewed")) {
      cosign.sign(reg + "/app@" + DIGESTS.get(tag));
    }
    Files.writeString(
        work.resolve("review.json"),
        "{\"repo\":{\"branch\":\"main\",\"uri\":\"https://git-repo.com/org/app\"},"
            + "\"reviewers\":[\"bob@example.com\"]}");
    cosign.attest(reg + "/app@" + DIGESTS.get("reviewed"), REVIEW, work.resolve("review.json"));
    key = JSON.writeValueAsString(cosign.publicKeyPem());
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  /** The policy key as an attestor. */
  private static final String KEY = "{keys: {publicKeys: @KEY@, rekor: {ignoreTlog: true}}}";

  @ParameterizedTest(name = "[{index}] {5}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      `{failureAction: Enforce, attestors: [{entries: [@K@]}]}` | signed | BOTH | true | PASS | `verified 1 image` | imageverifier.go verifyAttestors
      `{failureAction: Enforce, attestors: [{entries: [@K@]}]}` | unsigned | BOTH | false | FAIL | `failed to verify image @REG@/app:unsigned: .attestors[0].entries[0].keys: ` | imageverifier.go verifyAttestorSet path + kind
      `{failureAction: Enforce, attestors: [{entries: [@K@]}]}` | unsigned | MUTATE | false | FAIL | `.attestors[0].entries[0].keys: ` | imageverifier.go (mutate webhook verifies)
      `{failureAction: Enforce, attestors: [{entries: [@K@]}]}` | unsigned | VALIDATE | false | FAIL | `failed to verify image` | validate phase re-verifies required images (annotations not trusted)
      `{failureAction: Enforce, verifyDigest: false, required: false}` | unsigned | BOTH | true | PASS | `verified 1 image` | chainsaw mutateDigest-noverifyDigest-norequired: pin only
      `{failureAction: Enforce, mutateDigest: false, required: false}` | unsigned | BOTH | false | FAIL | `missing digest for @REG@/app:unsigned` | validate_image.go verifyDigest (chainsaw nomutateDigest-verifyDigest-norequired)
      `{failureAction: Enforce, mutateDigest: false, required: false}` | unsigned@ | BOTH | true | PASS | `verified 1 image` | validate_image.go verifyDigest: a pinned image passes
      `{failureAction: Enforce, mutateDigest: false, required: false}` | unsigned | MUTATE | true | PASS | `verified 1 image` | digest checked only in the validate phase
      `{failureAction: Enforce, mutateDigest: false, verifyDigest: false}` | unsigned | BOTH | false | FAIL | `unverified image @REG@/app:unsigned` | validate_image.go required (test/cli/test/images/secure-images)
      `{failureAction: Enforce, verifyDigest: false}` | unsigned | VALIDATE | false | FAIL | `unverified image @REG@/app:unsigned` | validate_image.go required: nothing verified it
      `{failureAction: Enforce, skipImageReferences: ["@REG@/app:unsigned"], attestors: [{entries: [@K@]}]}` | unsigned | BOTH | true | SKIP | `skipping image reference image @REG@/app:unsigned, policy p ruleName r` | imageverifier.go verifyImage skip, still pinned
      `{failureAction: Enforce, mutateDigest: false, skipImageReferences: ["@REG@/app:unsigned"], attestors: [{entries: [@K@]}]}` | unsigned | BOTH | false | FAIL | `missing digest for @REG@/app:unsigned` | validate_image.go ignores skipImageReferences
      `{failureAction: Enforce, mutateDigest: false, skipImageReferences: ["@REG@/app:unsigned"], attestors: [{entries: [@K@]}]}` | unsigned | VALIDATE | false | FAIL | `missing digest for @REG@/app:unsigned` | validate_image.go ignores skipImageReferences
      `{failureAction: Audit, mutateDigest: false, attestors: [{entries: [@K@]}]}` | unsigned | BOTH | true | WARN | `failed to verify image` | Audit: admitted with a warning
      `{failureAction: Audit, mutateDigest: false, attestors: [{entries: [@K@]}]}, {imageReferences: ["nomatch.example/*"], failureAction: Enforce, attestors: [{entries: [@K@]}]}` | unsigned | BOTH | false | FAIL | `failed to verify image` | engineresponse.go ruleAction: any Enforce entry makes the rule Enforce
      `{failureAction: Enforce, attestations: [{type: @REVIEW@, attestors: [{entries: [@K@]}], conditions: [{all: [{key: "{{ repo.branch }}", operator: Equals, value: main}]}]}]}` | reviewed | BOTH | true | PASS | `verified 1 image` | imageverifier.go verifyAttestations
      `{failureAction: Enforce, attestations: [{type: @REVIEW@, attestors: [{entries: [@K@]}], conditions: [{all: [{key: "{{ repo.branch }}", operator: Equals, value: release}]}]}]}` | reviewed | BOTH | false | FAIL | `image attestations verification failed, verifiedCount: 0, requiredCount: 1, error: .attestations[0].attestors[0].entries[0].keys: attestation checks failed for @REG@/app:reviewed and predicate @REVIEW@` | imageverifier.go verifyAttestation
      `{failureAction: Enforce, attestations: [{type: @REVIEW@, attestors: [{entries: [@K@]}], conditions: [{any: [{key: "{{ nosuch.field }}", operator: Equals, value: x}, {key: "{{ repo.branch }}", operator: Equals, value: main}]}]}]}` | reviewed | BOTH | false | FAIL | `failed to check attestations: failed to substitute variables in attestation conditions` | utils.go EvaluateConditions substitutes the whole list first
      `{failureAction: Enforce, attestations: [{type: @REVIEW@, attestors: [{entries: [@K@]}]}]}` | signed | BOTH | false | FAIL | `image attestations verification failed, verifiedCount: 0, requiredCount: 1` | imageverifier.go: no attestation of the type
      `{failureAction: Enforce, attestations: [{type: @REVIEW@}]}` | reviewed | BOTH | false | FAIL | `image attestations verification failed, verifiedCount: 0, requiredCount: 1, error: .attestations[0].attestors[0].entries[0]: ` | imageverifier.go empty attestor: keyless under the public-good root, a key signature does not verify
      `{failureAction: Enforce, attestations: [{type: @REVIEW@, name: cr, attestors: [{entries: [@K@]}]}], validate: {message: "branch is {{ cr.repo.branch }}", deny: {conditions: {any: [{key: "{{ cr.repo.branch }}", operator: Equals, value: main}]}}}}` | reviewed | BOTH | false | FAIL | `validation in verifyImages failed: branch is main` | imageverifier.go getDenyMessage substitutes validate.message
      """)
  void rule(
      String entries,
      String image,
      AdmissionPhase phase,
      boolean allowed,
      RuleStatus status,
      String message,
      String source)
      throws Exception {
    Decision d = decide(entries, image, phase, "Fail");
    String expected = message.replace("@REG@", reg).replace("@REVIEW@", REVIEW);
    assertThat(d.allowed()).as(source + ": " + d.results()).isEqualTo(allowed);
    assertThat(d.results()).as(source).hasSize(1);
    assertThat(d.results().get(0).status()).as(source + ": " + d.results()).isEqualTo(status);
    assertThat(d.results().get(0).message()).as(source).contains(expected);
    if (!allowed) {
      // webhooks/utils/block.go: the blocked message names the resource and policy/rule.
      assertThat(d.denyMessage())
          .startsWith(
              "resource Pod/team/web was blocked due to the following policies \n\np:\n  r: '")
          .contains(expected.replace("'", "''"));
    }
  }

  @ParameterizedTest(name = "failurePolicy {0}: allowed {1}")
  @CsvSource({"Fail, false", "Ignore, true"})
  void registryErrorsFollowTheFailurePolicy(String failurePolicy, boolean allowed)
      throws Exception {
    Decision d =
        decide(
            "{failureAction: Enforce, attestors: [{entries: [@K@]}]}",
            "unreachable",
            AdmissionPhase.BOTH,
            failurePolicy);
    assertThat(d.results()).hasSize(1);
    assertThat(d.results().get(0).status()).isEqualTo(RuleStatus.ERROR);
    assertThat(d.allowed()).as(d.results().toString()).isEqualTo(allowed);
  }

  /** imageverifymetadata.go: both annotations, the image as Kyverno prints it after the pin. */
  @Test
  void pinsTheVerifiedDigestAndWritesBothAnnotations() throws Exception {
    Decision d =
        decide(
            "{failureAction: Enforce, attestors: [{entries: [@K@]}]}",
            "signed",
            AdmissionPhase.MUTATE,
            "Fail");
    assertThat(d.allowed()).isTrue();
    String pinned = reg + "/app:signed@" + DIGESTS.get("signed");
    String kyvernoForm = reg + "/app@" + DIGESTS.get("signed");
    assertThat(d.patches())
        .filteredOn(p -> p.path().equals("/spec/containers/0/image"))
        .singleElement()
        .satisfies(p -> assertThat(p.value().asText()).isEqualTo(pinned));
    JsonNode annotations =
        d.patches().stream()
            .filter(p -> p.path().equals("/metadata/annotations"))
            .findFirst()
            .orElseThrow()
            .value();
    assertThat(JSON.readTree(annotations.get("kyverno.io/verify-images").asText()))
        .isEqualTo(JSON.createObjectNode().put(kyvernoForm, "pass"));
    ObjectNode scoped = JSON.createObjectNode().put("version", 1);
    scoped.putObject("policies").putObject("/p").putObject("r").put(kyvernoForm, "pass");
    assertThat(JSON.readTree(annotations.get("kyverno.io/verify-images-scoped").asText()))
        .isEqualTo(scoped);
  }

  /** An annotation on the incoming object is never read back into the answer. */
  @Test
  void incomingAnnotationsAreNotTrusted() throws Exception {
    ObjectNode pod = pod(reg + "/app:unsigned");
    ((ObjectNode) pod.path("metadata"))
        .putObject("annotations")
        .put("kyverno.io/verify-images", "{\"" + reg + "/app:unsigned\":\"pass\"}")
        .put(
            "kyverno.io/verify-images-scoped",
            "{\"version\":1,\"policies\":{\"/p\":{\"r\":{\""
                + reg
                + "/app:unsigned\":\"pass\"}}}}");
    try (PolicyEngine engine = engine("{failureAction: Enforce, verifyDigest: false}", "Fail")) {
      Decision d =
          engine.evaluate(
              ResourceRequest.builder(pod).namespace("team").uid("uid").build(),
              AdmissionPhase.VALIDATE,
              Instant.now().plusSeconds(60));
      assertThat(d.allowed()).isFalse();
      assertThat(d.results().get(0).message()).contains("unverified image");
    }
  }

  private static Decision decide(
      String entries, String image, AdmissionPhase phase, String failurePolicy) throws Exception {
    String ref =
        switch (image) {
          case "unsigned@" -> reg + "/app@" + DIGESTS.get("unsigned");
          case "unreachable" -> "127.0.0.1:1/app:v1";
          default -> reg + "/app:" + image;
        };
    try (PolicyEngine engine = engine(entries, failurePolicy)) {
      return engine.evaluate(
          ResourceRequest.builder(pod(ref)).namespace("team").uid("uid").build(),
          phase,
          Instant.now().plusSeconds(60));
    }
  }

  private static PolicyEngine engine(String entries, String failurePolicy) {
    String body = entries.substring(1, entries.length() - 1);
    // A second entry is written "{...}, {imageReferences: [...], ...}" and keeps its own refs.
    String verify = "[{imageReferences: [\"" + reg + "/*\", \"127.0.0.1:1/*\"], " + body + "}]";
    String text =
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: p}
        spec:
          failurePolicy: %s
          rules:
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            verifyImages: %s
        """
            .formatted(failurePolicy, verify)
            .replace("@K@", KEY)
            .replace("@KEY@", key)
            .replace("@REG@", reg)
            .replace("@REVIEW@", REVIEW);
    LoadResult loaded = PolicyLoader.parse(text, "p.yaml");
    assertThat(loaded.rejected()).as("Kyverno accepts the policy").isEmpty();
    OciClientConfig oci =
        OciClientConfig.defaults()
            .withInsecureRegistries(Set.of(reg, "127.0.0.1:1"))
            .withDockerConfig(work.resolve("no-docker-config.json"));
    return PolicyEngines.create(loaded, List.of(), EngineConfig.defaults().withOci(oci));
  }

  private static ObjectNode pod(String image) {
    ObjectNode pod = TestPods.single("web", "team", "app", image);
    return pod;
  }
}
