package dev.imagegate.ivpol;

import static dev.imagegate.ivpol.IvpolTestEngine.decide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.EngineConfig;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.PolicyEngines;
import dev.imagegate.engine.RequestedResource;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.engine.RuleStatus;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.policy.LintFinding;
import dev.imagegate.policy.PolicyException;
import dev.imagegate.testkit.CosignKeyPair;
import dev.imagegate.testkit.Fixtures;
import dev.imagegate.testkit.IvpolYaml;
import dev.imagegate.testkit.KeySignedPodsPolicy;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
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

/**
 * ImageValidatingPolicies through the engine against images signed by the real cosign in a local
 * registry: signatures, in-toto attestations with extractPayload, matchImageReferences, required
 * across policies, verifyDigest, mutateDigest, validationActions, autogen, namespaced scope.
 */
class IvpolEngineTest {
  static final Peers PEERS = Peers.installed();
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path work;
  static LocalRegistry registry;
  static String host;
  static String signed;
  static String unsigned;
  static String otherSigned;
  static String key;
  static String wrongKey;

  @BeforeAll
  static void images() throws Exception {
    Prerequisites.peers("crane");
    registry = LocalRegistry.start(PEERS);
    host = registry.host();
    Fixtures f = new Fixtures(PEERS, work);
    String d1 = f.pushRandomImage(host, "app:signed");
    String d2 = f.pushRandomImage(host, "app:unsigned");
    String d3 = f.pushRandomImage(host, "other:signed");
    CosignKeyPair cosign = CosignKeyPair.generate(PEERS, work);
    CosignKeyPair wrong = CosignKeyPair.generate(PEERS, work.resolve("wrong"));
    for (String ref : List.of(host + "/app@" + d1, host + "/other@" + d3)) {
      cosign.sign(ref);
    }
    Files.writeString(
        work.resolve("slsa.json"),
        "{\"buildDefinition\":{\"buildType\":\"test\"},\"runDetails\":{}}");
    cosign.attest(host + "/app@" + d1, "https://slsa.dev/provenance/v1", work.resolve("slsa.json"));
    signed = host + "/app:signed@" + d1;
    unsigned = host + "/app:unsigned@" + d2;
    otherSigned = host + "/other:signed@" + d3;
    key = cosign.publicKeyPem();
    wrongKey = wrong.publicKeyPem();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  /** A Pod policy with the cosign attestor of {@code keyPem} and the slsa attestation. */
  static String policy(String name, String extraSpec, String keyPem, String validations) {
    return IvpolYaml.forPods(
        name,
        "CREATE, UPDATE",
        """
        %s
        %s
          attestations:
          - name: slsa
            intoto:
              type: https://slsa.dev/provenance/v1
          validations:
        %s"""
            .formatted(extraSpec, IvpolYaml.cosignKeyAttestor(keyPem), validations));
  }

  static final String VERIFY_ALL =
      """
          - expression: >-
              images.containers.map(i, verifyImageSignatures(i, [attestors.cosign])).all(e, e > 0)
            message: failed the image signature verification
      """;

  static IvpolEngine engine(String... docs) {
    return IvpolTestEngine.create(host, true, null, docs);
  }

  static ObjectNode pod(String namespace, String... images) {
    return TestPods.pod("p", namespace, images);
  }

  @Test
  void cosignKeySignatureAllowsSignedAndDeniesUnsigned() {
    try (IvpolEngine e = engine(policy("check-key", "", key, VERIFY_ALL))) {
      Decision ok = decide(e, pod("default", signed), AdmissionPhase.VALIDATE);
      assertThat(ok.allowed()).as(ok.toString()).isTrue();
      assertThat(ok.results()).extracting(r -> r.status()).containsExactly(RuleStatus.PASS);
      Decision no = decide(e, pod("default", unsigned), AdmissionPhase.VALIDATE);
      assertThat(no.allowed()).isFalse();
      assertThat(no.denyMessage())
          .isEqualTo("Policy check-key failed: failed the image signature verification");
    }
  }

  @Test
  void wrongKeyDenies() {
    try (IvpolEngine e = engine(policy("wrong", "", wrongKey, VERIFY_ALL))) {
      assertThat(decide(e, pod("default", signed), AdmissionPhase.VALIDATE).allowed()).isFalse();
    }
  }

  @Test
  void annotationsAreMatchedInTheVerifiedPayload() {
    String p =
        policy("annotated", "", key, VERIFY_ALL)
            .replace(
                "insecureIgnoreTlog: true",
                "insecureIgnoreTlog: true\n      annotations:\n        team: a");
    try (IvpolEngine e = engine(p)) {
      assertThat(decide(e, pod("default", signed), AdmissionPhase.VALIDATE).allowed()).isFalse();
    }
  }

  @Test
  void intotoAttestationWithExtractPayload() {
    String validations =
        """
            - expression: >-
                images.containers.all(i, verifyAttestationSignatures(i, attestations.slsa, [attestors.cosign]) > 0)
              message: no attestation
            - expression: >-
                images.containers.all(i, extractPayload(i, attestations.slsa).predicate.buildDefinition.buildType == 'test')
              message: wrong build type
        """;
    try (IvpolEngine e = engine(policy("slsa", "", key, validations))) {
      Decision ok = decide(e, pod("default", signed), AdmissionPhase.VALIDATE);
      assertThat(ok.allowed()).as(ok.toString()).isTrue();
      Decision no = decide(e, pod("default", otherSigned), AdmissionPhase.VALIDATE);
      assertThat(no.denyMessage()).isEqualTo("Policy slsa failed: no attestation");
    }
    String early =
        """
            - expression: >-
                images.containers.all(i, extractPayload(i, attestations.slsa).predicate != null)
        """;
    try (IvpolEngine e = engine(policy("early", "", key, early))) {
      Decision d = decide(e, pod("default", signed), AdmissionPhase.VALIDATE);
      assertThat(d.allowed()).isFalse();
      assertThat(d.denyMessage())
          .startsWith("Policy early error: failed to evaluate policy:")
          .contains("cannot be fetch before verifying intoto attestation");
    }
  }

  @Test
  void matchImageReferencesAndRequiredAcrossPolicies() {
    String app =
        policy("app", "  matchImageReferences:\n  - glob: \"" + host + "/app*\"", key, VERIFY_ALL);
    String catchAll =
        """
        apiVersion: policies.kyverno.io/v1beta1
        kind: ImageValidatingPolicy
        metadata:
          name: catch-all
        spec:
          matchConstraints:
            resourceRules:
            - apiGroups: [""]
              apiVersions: [v1]
              operations: [CREATE]
              resources: [pods]
          attestors: []
          validations:
          - expression: "true"
        """;
    try (IvpolEngine e = engine(app)) {
      // other:* is not the app policy's business: images.containers is empty, the policy passes.
      assertThat(decide(e, pod("default", otherSigned), AdmissionPhase.VALIDATE).allowed())
          .isTrue();
    }
    try (IvpolEngine e = engine(app, catchAll)) {
      assertThat(decide(e, pod("default", signed), AdmissionPhase.VALIDATE).allowed()).isTrue();
      Decision d = decide(e, pod("default", otherSigned), AdmissionPhase.VALIDATE);
      assertThat(d.denyMessage())
          .isEqualTo(
              "Policy catch-all failed: image "
                  + otherSigned
                  + " is not verified: no policy performed a signature or attestation check on it");
    }
  }

  @Test
  void verifyDigestAndMutateDigest() {
    String tagOnly = host + "/app:signed";
    try (IvpolEngine e =
        engine(
            policy(
                "digests",
                "  validationConfigurations:\n    mutateDigest: false",
                key,
                VERIFY_ALL))) {
      Decision d = decide(e, pod("default", tagOnly), AdmissionPhase.VALIDATE);
      assertThat(d.denyMessage())
          .isEqualTo("Policy digests failed: image " + tagOnly + " does not have a digest");
      assertThat(decide(e, pod("default", tagOnly), AdmissionPhase.MUTATE).patches()).isEmpty();
    }
    try (IvpolEngine e = engine(policy("pin", "", key, VERIFY_ALL))) {
      Decision m = decide(e, pod("default", tagOnly), AdmissionPhase.MUTATE);
      assertThat(m.patches()).hasSize(1);
      assertThat(m.patches().get(0).path()).isEqualTo("/spec/containers/0/image");
      assertThat(m.patches().get(0).value().asText()).isEqualTo(signed);
      Decision broken = decide(e, pod("default", host + "/app:missing"), AdmissionPhase.MUTATE);
      assertThat(broken.allowed()).isFalse();
      assertThat(broken.denyMessage()).startsWith("Policy pin error: failed to resolve digest of");
    }
  }

  @Test
  void validationActions() {
    try (IvpolEngine e = engine(policy("warn", "  validationActions: [Warn]", key, VERIFY_ALL))) {
      Decision d = decide(e, pod("default", unsigned), AdmissionPhase.VALIDATE);
      assertThat(d.allowed()).isTrue();
      assertThat(d.warnings())
          .containsExactly("Policy warn failed: failed the image signature verification");
      assertThat(d.results().get(0).status()).isEqualTo(RuleStatus.WARN);
    }
    try (IvpolEngine e = engine(policy("audit", "  validationActions: [Audit]", key, VERIFY_ALL))) {
      Decision d = decide(e, pod("default", unsigned), AdmissionPhase.VALIDATE);
      assertThat(d.allowed()).isTrue();
      assertThat(d.warnings()).isEmpty();
      assertThat(d.results().get(0).enforce()).isFalse();
    }
  }

  @Test
  void autogenCoversDeploymentsAndCronJobs() throws Exception {
    try (IvpolEngine e = engine(policy("auto", "", key, VERIFY_ALL))) {
      JsonNode deployment =
          JSON.readTree(
              """
              {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"default"},
               "spec":{"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"%s"}]}}}}
              """
                  .formatted(unsigned));
      assertThat(e.mayMatch("apps", "v1", "Deployment")).isTrue();
      assertThat(decide(e, deployment, AdmissionPhase.VALIDATE).allowed()).isFalse();
      JsonNode cron =
          JSON.readTree(
              """
              {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"d","namespace":"default"},
               "spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"%s"}]}}}}}}
              """
                  .formatted(signed));
      assertThat(decide(e, cron, AdmissionPhase.VALIDATE).allowed()).isTrue();
    }
    try (IvpolEngine e =
        engine(
            policy(
                "noauto",
                "  autogen:\n    podControllers:\n      controllers: []",
                key,
                VERIFY_ALL))) {
      assertThat(e.mayMatch("apps", "v1", "Deployment")).isFalse();
    }
  }

  @Test
  void namespacedPolicyAppliesOnlyInItsNamespace() {
    String p =
        policy("ns-check", "", key, VERIFY_ALL)
            .replace("kind: ImageValidatingPolicy", "kind: NamespacedImageValidatingPolicy")
            .replace("  name: ns-check", "  name: ns-check\n  namespace: team-a");
    try (IvpolEngine e = engine(p)) {
      Decision in = decide(e, pod("team-a", unsigned), AdmissionPhase.VALIDATE);
      assertThat(in.denyMessage()).startsWith("Policy team-a/ns-check failed:");
      assertThat(decide(e, pod("team-b", unsigned), AdmissionPhase.VALIDATE).results()).isEmpty();
    }
  }

  @Test
  void matchConditionErrorsFollowFailurePolicy() {
    String cond =
        "  matchConditions:\n  - name: boom\n    expression: \"object.metadata.labels.nope == 'x'\"";
    try (IvpolEngine e =
        engine(policy("ignore", cond + "\n  failurePolicy: Ignore", key, VERIFY_ALL))) {
      Decision d = decide(e, pod("default", unsigned), AdmissionPhase.VALIDATE);
      assertThat(d.allowed()).isTrue();
      assertThat(d.results().get(0).status()).isEqualTo(RuleStatus.SKIP);
    }
    try (IvpolEngine e = engine(policy("fail", cond, key, VERIFY_ALL))) {
      Decision d = decide(e, pod("default", unsigned), AdmissionPhase.VALIDATE);
      assertThat(d.allowed()).isFalse();
      assertThat(d.denyMessage())
          .startsWith("Policy fail error: failed to evaluate match condition");
    }
  }

  @Test
  void lintReportsCelErrorsAndUnknownNamesWithLocations() {
    String p =
        policy(
            "bad",
            "",
            key,
            "  - expression: \"verifyImageSignatures('x', [attestors.nope]) > 0\"\n  - expression: \"'a'\"");
    IvpolLoad load = IvpolLoader.parse(p, "bad.yaml");
    List<LintFinding> findings = IvpolLint.lint(load.policies());
    assertThat(findings)
        .filteredOn(f -> f.severity() == LintFinding.Severity.ERROR)
        .extracting(LintFinding::toString)
        .anySatisfy(s -> assertThat(s).startsWith("bad.yaml:").contains("unknown attestor name"))
        .anySatisfy(s -> assertThat(s).contains("must evaluate to bool"));
    assertThatThrownBy(() -> engine(p)).isInstanceOf(PolicyException.class);
  }

  @Test
  void unsupportedDocumentsAreReportedNotSkipped() {
    IvpolLoad load =
        IvpolLoader.parse(
            """
            apiVersion: policies.kyverno.io/v1
            kind: ValidatingPolicy
            metadata: {name: x}
            ---
            apiVersion: policies.kyverno.io/v2
            kind: ImageValidatingPolicy
            metadata: {name: y}
            """,
            "u.yaml");
    assertThat(load.unsupported()).hasSize(2);
    assertThat(load.unsupported().get(0).toString()).startsWith("u.yaml:1:1: ValidatingPolicy");
  }

  @Test
  void parserEnforcesKyvernoRules() {
    assertThatThrownBy(
            () ->
                IvpolLoader.parse(
                    """
                    apiVersion: policies.kyverno.io/v1
                    kind: ImageValidatingPolicy
                    metadata: {name: x}
                    spec:
                      validations:
                      - expression: "true"
                    """,
                    "e.yaml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("resourceRules must contain at least one rule");
  }

  static final RequestedResource PODS = new RequestedResource("", "v1", "pods", "");
  static final RequestedResource EPHEMERAL =
      new RequestedResource("", "v1", "pods", "ephemeralcontainers");

  /** An UPDATE through {@code requested} (null: the whole object, as the CLI evaluates it). */
  static Decision update(IvpolEngine e, JsonNode pod, RequestedResource requested) {
    ResourceRequest r =
        ResourceRequest.builder(pod)
            .oldResource(pod)
            .operation("UPDATE")
            .namespace("default")
            .uid("uid")
            .requested(requested)
            .build();
    return e.evaluate(r, AdmissionPhase.VALIDATE, Instant.now().plusSeconds(60));
  }

  static String withResources(String policy, String resources) {
    return policy.replace("resources: [pods]", "resources: " + resources);
  }

  @Test
  void aRuleNamingOnlyTheEphemeralContainersSubresourceSelectsThatSubresource() {
    // Before: requests carried no subresource, so this policy matched nothing and an unsigned
    // ephemeral container was admitted.
    String p =
        withResources(policy("ephemeral", "", key, VERIFY_ALL), "[pods/ephemeralcontainers]");
    try (IvpolEngine e = engine(p)) {
      JsonNode pod = pod("default", unsigned);
      assertThat(e.mayMatch("", "v1", "Pod", EPHEMERAL)).isTrue();
      Decision sub = update(e, pod, EPHEMERAL);
      assertThat(sub.allowed()).as(sub.toString()).isFalse();
      assertThat(sub.denyMessage()).contains("Policy ephemeral failed");
      // The Pod itself is not selected by a subresource-only rule (as the API server reads it).
      assertThat(e.mayMatch("", "v1", "Pod", PODS)).isFalse();
      Decision plain = update(e, pod, PODS);
      assertThat(plain.allowed()).isTrue();
      assertThat(plain.results()).isEmpty();
      // The CLI evaluates the whole object: a subresource rule matches as its parent.
      assertThat(update(e, pod, null).allowed()).isFalse();
      assertThat(update(e, pod("default", signed), EPHEMERAL).allowed()).isTrue();
    }
  }

  @Test
  void aPodsRuleAlsoCoversEphemeralContainerUpdatesAndExcludesAreExact() {
    try (IvpolEngine e = engine(policy("pods", "", key, VERIFY_ALL))) {
      // Stricter than Kyverno (which is not sent the subresource unless it is named).
      Decision sub = update(e, pod("default", unsigned), EPHEMERAL);
      assertThat(sub.allowed()).isFalse();
    }
    String excluded =
        policy("not-ephemeral", "", key, VERIFY_ALL)
            .replace(
                "      resources: [pods]\n",
                """
                      resources: [pods]
                    excludeResourceRules:
                    - apiGroups: [""]
                      apiVersions: [v1]
                      operations: [UPDATE]
                      resources: [pods/ephemeralcontainers]
                """);
    try (IvpolEngine e = engine(excluded)) {
      assertThat(update(e, pod("default", unsigned), EPHEMERAL).results()).isEmpty();
      assertThat(update(e, pod("default", unsigned), PODS).allowed()).isFalse();
      // Without a subresource (CLI) an exclude of one subresource excludes nothing.
      assertThat(update(e, pod("default", unsigned), null).allowed()).isFalse();
    }
  }

  static void assertSameAnswer(Decision actual, Decision expected) {
    assertThat(actual.allowed()).isEqualTo(expected.allowed());
    assertThat(actual.denyMessage()).isEqualTo(expected.denyMessage());
    assertThat(actual.patches()).isEqualTo(expected.patches());
    assertThat(actual.warnings()).isEqualTo(expected.warnings());
    assertThat(actual.results()).isEqualTo(expected.results());
  }

  @Test
  void theWarmPathAnswersFromTheCacheAloneAlsoWithLegacyPoliciesBeside() throws Exception {
    Path legacyPolicy = work.resolve("legacy-cached.yaml");
    Files.writeString(
        legacyPolicy,
        KeySignedPodsPolicy.of("legacy-signed", "app-images", host + "/app*", key)
            .withMutateDigest(false)
            .yaml());
    EngineConfig config =
        EngineConfig.defaults()
            .withOci(OciClientConfig.defaults().withInsecureRegistries(Set.of(host)));
    try (PolicyEngine combined =
        IvpolEngine.combine(
            PolicyEngines.load(List.of(legacyPolicy), config),
            engine(policy("check-key-cached", "", key, VERIFY_ALL)))) {
      ResourceRequest ok = ResourceRequest.create(pod("default", signed), "default");
      Instant soon = Instant.now().plusSeconds(60);
      // Cold: neither engine has the verification, so no answer from the cache.
      assertThat(combined.evaluateFromCache(ok, AdmissionPhase.VALIDATE, soon)).isEmpty();
      Decision evaluated = combined.evaluate(ok, AdmissionPhase.VALIDATE, soon);
      assertThat(evaluated.allowed()).as(evaluated.toString()).isTrue();
      assertThat(evaluated.results()).hasSize(2);
      // Warm: both answer from their caches, exactly as a full evaluation now does (whose
      // explanation, too, says the verification was served from the cache).
      var cached = combined.evaluateFromCache(ok, AdmissionPhase.VALIDATE, soon);
      assertThat(cached).isPresent();
      assertSameAnswer(cached.get(), combined.evaluate(ok, AdmissionPhase.VALIDATE, soon));
      // An image never verified (failures are not cached) has no cached answer.
      ResourceRequest no = ResourceRequest.create(pod("default", unsigned), "default");
      assertThat(combined.evaluate(no, AdmissionPhase.VALIDATE, soon).allowed()).isFalse();
      assertThat(combined.evaluateFromCache(no, AdmissionPhase.VALIDATE, soon)).isEmpty();
    }
  }

  @Test
  void theCliEngineNeverAnswersFromACache() {
    try (IvpolEngine e =
        IvpolTestEngine.create(host, false, null, policy("cli", "", key, VERIFY_ALL))) {
      ResourceRequest ok = ResourceRequest.create(pod("default", signed), "default");
      Instant soon = Instant.now().plusSeconds(60);
      assertThat(e.evaluate(ok, AdmissionPhase.VALIDATE, soon).allowed()).isTrue();
      assertThat(e.evaluateFromCache(ok, AdmissionPhase.VALIDATE, soon)).isEmpty();
    }
  }

  @Test
  void aTagResolvedOnceIsReusedSoWarmTagReviewsAnswerFromTheCache() {
    String tag = signed.substring(0, signed.indexOf('@'));
    try (IvpolEngine e = engine(policy("tags", "", key, VERIFY_ALL))) {
      ResourceRequest r = ResourceRequest.create(pod("default", tag), "default");
      Instant soon = Instant.now().plusSeconds(60);
      // The mutating webhook resolves the tag to pin it (mutateDigest).
      assertThat(e.evaluateFromCache(r, AdmissionPhase.MUTATE, soon)).isEmpty();
      Decision pinned = e.evaluate(r, AdmissionPhase.MUTATE, soon);
      assertThat(pinned.patches()).isNotEmpty();
      // The tag's digest is cached now: the next review pins without a registry request.
      var cached = e.evaluateFromCache(r, AdmissionPhase.MUTATE, soon);
      assertThat(cached).isPresent();
      assertThat(cached.get().patches()).isEqualTo(pinned.patches());
    }
  }
}
