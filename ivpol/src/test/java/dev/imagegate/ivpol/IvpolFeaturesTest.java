package dev.imagegate.ivpol;

import static dev.imagegate.ivpol.IvpolTestEngine.decide;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.EngineConfig;
import dev.imagegate.engine.PolicyReports;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.engine.RuleStatus;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.testkit.CosignKeyPair;
import dev.imagegate.testkit.FaultProxy;
import dev.imagegate.testkit.FixtureScript;
import dev.imagegate.testkit.Fixtures;
import dev.imagegate.testkit.IvpolYaml;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import dev.imagegate.testkit.TestPods;
import dev.imagegate.testkit.YamlText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ivpol features beyond plain key signatures, against images signed by the real cosign in a
 * local registry: JSON evaluation mode, {@code resource.get/list} from given objects, {@code
 * getImageData} and {@code image.getMetadata}, certificate and keyless attestors (a CA-issued
 * certificate from {@code fixtures/keyless/make-cert-fixtures.sh}, offline), ephemeral containers,
 * and the PolicyReport of an Audit policy.
 */
class IvpolFeaturesTest {
  static final Peers PEERS = Peers.installed();
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path work;
  static LocalRegistry registry;
  static String host;
  static String signed;
  static String signedDigest;
  static String unsigned;
  static String key;
  static Path certs;
  static String certEmail;
  static String certUri;

  @BeforeAll
  static void images() throws Exception {
    Prerequisites.peers("crane");
    registry = LocalRegistry.start(PEERS);
    host = registry.host();
    Fixtures f = new Fixtures(PEERS, work);
    signedDigest = f.pushRandomImage(host, "app:signed");
    String d2 = f.pushRandomImage(host, "app:unsigned");
    CosignKeyPair cosign = CosignKeyPair.generate(PEERS, work);
    cosign.sign(host + "/app@" + signedDigest);
    signed = host + "/app:signed@" + signedDigest;
    unsigned = host + "/app:unsigned@" + d2;
    key = cosign.publicKeyPem();
    certs = Files.createDirectories(work.resolve("certs"));
    // Images certs:v2-email and certs:v2-uri signed by cosign v2 with CA-issued certificates.
    FixtureScript.run(PEERS, "fixtures/keyless/make-cert-fixtures.sh", host, certs, "make.log");
    certEmail = host + "/certs:v2-email@" + f.digest(host + "/certs:v2-email");
    certUri = host + "/certs:v2-uri@" + f.digest(host + "/certs:v2-uri");
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  static String pem(String file) throws Exception {
    return YamlText.indent(Files.readString(certs.resolve(file)), 14);
  }

  static String podPolicy(String name, String spec) {
    return IvpolYaml.forPods(name, "CREATE, UPDATE", spec);
  }

  /** The spec's cosign attestor of {@link #key}, a line of its own. */
  static String keyAttestor() {
    return IvpolYaml.cosignKeyAttestor(key) + "\n";
  }

  static IvpolEngine engine(@Nullable ResourceLookup resources, String... docs) {
    return IvpolTestEngine.create(host, false, resources, docs);
  }

  static ObjectNode pod(String namespace, String... images) {
    return TestPods.pod("p", namespace, images);
  }

  // --- evaluation.mode: JSON --------------------------------------------------------------------

  @Test
  void jsonModeVerifiesImagesOfAPayloadAndIgnoresKubernetesObjects() {
    String policy =
        """
        apiVersion: policies.kyverno.io/v1beta1
        kind: ImageValidatingPolicy
        metadata:
          name: json-payload
        spec:
          evaluation:
            mode: JSON
          matchImageReferences:
          - glob: "%s/*"
          images:
          - name: bar
            expression: "[object.foo.bar]"
        %s
          validations:
          - expression: >-
              images.bar.map(i, verifyImageSignatures(i, [attestors.cosign])).all(e, e > 0)
            message: failed to verify image with cosign key
        """
            .formatted(host, keyAttestor());
    try (IvpolEngine e = engine(null, policy)) {
      ObjectNode pass = JSON.createObjectNode();
      pass.putObject("foo").put("bar", signed);
      Decision ok = decide(e, pass, AdmissionPhase.BOTH);
      assertThat(ok.allowed()).as(ok.toString()).isTrue();
      assertThat(ok.results()).extracting(r -> r.status()).containsExactly(RuleStatus.PASS);
      ObjectNode fail = JSON.createObjectNode();
      fail.putObject("foo").put("bar", unsigned);
      Decision no = decide(e, fail, AdmissionPhase.BOTH);
      assertThat(no.denyMessage())
          .isEqualTo("Policy json-payload failed: failed to verify image with cosign key");
      // A payload image outside matchImageReferences is not the policy's business.
      ObjectNode other = JSON.createObjectNode();
      other.putObject("foo").put("bar", "elsewhere.invalid/x:1@sha256:" + "0".repeat(64));
      assertThat(decide(e, other, AdmissionPhase.BOTH).allowed()).isTrue();
      // A Kubernetes object is never evaluated by a JSON-mode policy.
      assertThat(decide(e, pod("default", unsigned), AdmissionPhase.BOTH).results()).isEmpty();
    }
  }

  // --- resource.get / resource.list
  // ---------------------------------------------------------------

  @Test
  void resourceGetAndListReadTheGivenObjects() throws Exception {
    JsonNode allowed =
        JSON.readTree(
            """
            {"apiVersion":"v1","kind":"ConfigMap",
             "metadata":{"name":"allowed","namespace":"team-a"},"data":{"repo":"%s/app"}}
            """
                .formatted(host));
    JsonNode elsewhere =
        JSON.readTree(
            """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"team-b"}}
            """);
    ResourceLookup files = ResourceLookup.of(List.of(allowed, elsewhere));
    String cluster =
        podPolicy(
            "cluster-lookup",
            """
              validationConfigurations:
                required: false
              attestors: []
              validations:
              - expression: "resource.list('v1', 'configmaps', '').items.size() == 2"
                message: list across namespaces
              - expression: "resource.list('v1', 'configmaps', 'team-a').items.size() == 1"
                message: list in a namespace
              - expression: "resource.get('v1', 'configmaps', 'team-a', 'missing') == null"
                message: absent object
              - expression: >-
                  images.containers.all(i,
                    i.startsWith(resource.get('v1', 'configmaps', 'team-a', 'allowed').data.repo))
                message: repository not allowed
            """);
    String namespaced =
        podPolicy(
                "ns-lookup",
                """
                  validationConfigurations:
                    required: false
                  attestors: []
                  validations:
                  - expression: "resource.list('v1', 'configmaps').items.size() == 1"
                    message: list in its own namespace
                  - expression: "resource.get('v1', 'configmaps', 'allowed').data.repo != ''"
                    message: get in its own namespace
                """)
            .replace("kind: ImageValidatingPolicy", "kind: NamespacedImageValidatingPolicy")
            .replace("  name: ns-lookup", "  name: ns-lookup\n  namespace: team-a");
    try (IvpolEngine e = engine(files, cluster, namespaced)) {
      Decision ok = decide(e, pod("team-a", signed), AdmissionPhase.VALIDATE);
      assertThat(ok.allowed()).as(ok.toString()).isTrue();
      assertThat(ok.results()).hasSize(2);
      Decision no =
          decide(
              e,
              pod("team-a", host + "/other:1@sha256:" + "0".repeat(64)),
              AdmissionPhase.VALIDATE);
      assertThat(no.denyMessage())
          .isEqualTo("Policy cluster-lookup failed: repository not allowed");
    }
    // Without objects (serve without a cluster): get answers null, list nothing.
    try (IvpolEngine e = engine(null, cluster)) {
      assertThat(decide(e, pod("team-a", signed), AdmissionPhase.VALIDATE).denyMessage())
          .isEqualTo("Policy cluster-lookup failed: list across namespaces");
    }
  }

  // --- getImageData / image.getMetadata ---------------------------------------------------------

  @Test
  void imageDataAndMetadataReadTheRegistry() {
    String p =
        podPolicy(
            "image-data",
            """
              validationConfigurations:
                required: false
                verifyDigest: false
                mutateDigest: false
              attestors: []
              validations:
              - expression: >-
                  images.containers.all(i, getImageData(i).digest == '%s'
                    && getImageData(i).resolvedImage == '%s/app@%s'
                    && getImageData(i).registry == '%s'
                    && getImageData(i).repository == 'app'
                    && getImageData(i).tag == 'signed')
                message: getImageData
              - expression: >-
                  images.containers.all(i, image.getMetadata(i).manifest.schemaVersion == 2
                    && image.GetMetadata(i).config.rootfs.type == 'layers'
                    && image.getMetadata(i).identifier == 'signed')
                message: getMetadata
            """
                .formatted(signedDigest, host, signedDigest, host));
    try (IvpolEngine e = engine(null, p)) {
      Decision ok = decide(e, pod("default", host + "/app:signed"), AdmissionPhase.VALIDATE);
      assertThat(ok.allowed()).as(ok.toString()).isTrue();
      Decision missing = decide(e, pod("default", host + "/app:missing"), AdmissionPhase.VALIDATE);
      assertThat(missing.allowed()).isFalse();
      assertThat(missing.denyMessage())
          .startsWith("Policy image-data error: failed to evaluate policy:")
          .contains("failed to fetch image data for " + host + "/app:missing");
    }
  }

  // --- certificate and keyless attestors
  // ----------------------------------------------------------

  static String certPolicy(String name, String attestor) {
    return podPolicy(
        name,
        """
          attestors:
          - name: signer
            cosign:
        %s
              ctlog:
                insecureIgnoreTlog: true
                insecureIgnoreSCT: true
          validations:
          - expression: >-
              images.containers.map(i, verifyImageSignatures(i, [attestors.signer])).all(e, e > 0)
            message: not signed by the expected certificate
        """
            .formatted(attestor));
  }

  @Test
  void certificateAttestorWithChain() throws Exception {
    String email = certEmail;
    String given =
        """
              certificate:
                cert:
                  value: |
        %s
                certChain:
                  value: |
        %s
        """
            .formatted(pem("email.pem"), pem("chain.pem"));
    try (IvpolEngine e = engine(null, certPolicy("cert", given.stripTrailing()))) {
      Decision ok = decide(e, pod("default", email), AdmissionPhase.VALIDATE);
      assertThat(ok.allowed()).as(ok.toString()).isTrue();
      // The signature of certs:v2-uri was made with another certificate's key.
      Decision other = decide(e, pod("default", certUri), AdmissionPhase.VALIDATE);
      assertThat(other.denyMessage())
          .isEqualTo("Policy cert failed: not signed by the expected certificate");
    }
    // certChain alone: the signature's own certificate must chain to it (any identity).
    String chainOnly =
        """
              certificate:
                certChain:
                  value: |
        %s
        """
            .formatted(pem("chain.pem"));
    try (IvpolEngine e = engine(null, certPolicy("chain", chainOnly.stripTrailing()))) {
      assertThat(decide(e, pod("default", email), AdmissionPhase.VALIDATE).allowed()).isTrue();
    }
    String otherRoot =
        """
              certificate:
                certChain:
                  value: |
        %s
        """
            .formatted(pem("other-root.pem"));
    try (IvpolEngine e = engine(null, certPolicy("other-root", otherRoot.stripTrailing()))) {
      assertThat(decide(e, pod("default", email), AdmissionPhase.VALIDATE).allowed()).isFalse();
    }
  }

  static String keyless(String identity) throws Exception {
    return """
              keyless:
                identities:
                - %s
                roots: |
        %s
        """
        .formatted(identity, pem("chain.pem"))
        .stripTrailing();
  }

  @Test
  void keylessAttestorWithRootsAndIdentities() throws Exception {
    String email = certEmail;
    String exact =
        keyless("issuer: https://issuer.example.test\n          subject: signer@example.test");
    try (IvpolEngine e = engine(null, certPolicy("keyless", exact))) {
      Decision ok = decide(e, pod("default", email), AdmissionPhase.VALIDATE);
      assertThat(ok.allowed()).as(ok.toString()).isTrue();
      assertThat(decide(e, pod("default", signed), AdmissionPhase.VALIDATE).allowed()).isFalse();
    }
    String regexp =
        keyless(
            "issuerRegExp: 'issuer\\.example'\n          subjectRegExp: '^signer@example\\.test$'");
    try (IvpolEngine e = engine(null, certPolicy("regexp", regexp))) {
      assertThat(decide(e, pod("default", email), AdmissionPhase.VALIDATE).allowed()).isTrue();
    }
    String wrongSubject =
        keyless("issuer: https://issuer.example.test\n          subject: mallory@example.test");
    try (IvpolEngine e = engine(null, certPolicy("mallory", wrongSubject))) {
      assertThat(decide(e, pod("default", email), AdmissionPhase.VALIDATE).allowed()).isFalse();
    }
    String wrongIssuer =
        keyless("issuer: https://accounts.google.com\n          subject: signer@example.test");
    try (IvpolEngine e = engine(null, certPolicy("google", wrongIssuer))) {
      assertThat(decide(e, pod("default", email), AdmissionPhase.VALIDATE).allowed()).isFalse();
    }
    // The GitHub workflow identity of certs:v2-uri, with Fulcio's issuer extension.
    String github =
        keyless(
            "issuer: https://token.actions.githubusercontent.com\n"
                + "          subjectRegExp:"
                + " '^https://github.com/example-org/app/.github/workflows/release.yml@.*$'");
    try (IvpolEngine e = engine(null, certPolicy("github", github))) {
      assertThat(decide(e, pod("default", certUri), AdmissionPhase.VALIDATE).allowed()).isTrue();
      assertThat(decide(e, pod("default", email), AdmissionPhase.VALIDATE).allowed()).isFalse();
    }
  }

  // --- ephemeral containers
  // -----------------------------------------------------------------------

  @Test
  void ephemeralContainersAreExtractedVerifiedAndPinned() {
    String p =
        podPolicy(
            "ephemeral",
            keyAttestor()
                + """
                  validations:
                  - expression: >-
                      (images.containers + images.initContainers + images.ephemeralContainers)
                        .all(i, verifyImageSignatures(i, [attestors.cosign]) > 0)
                    message: unsigned container
                """);
    try (IvpolEngine e = engine(null, p)) {
      ObjectNode debug = pod("default", signed);
      ((ObjectNode) debug.path("spec"))
          .putArray("ephemeralContainers")
          .addObject()
          .put("name", "debug")
          .put("image", unsigned);
      Decision no =
          e.evaluate(
              ResourceRequest.builder(debug)
                  .oldResource(pod("default", signed))
                  .operation("UPDATE")
                  .namespace("default")
                  .uid("u")
                  .build(),
              AdmissionPhase.VALIDATE,
              Instant.now().plusSeconds(60));
      assertThat(no.denyMessage()).isEqualTo("Policy ephemeral failed: unsigned container");
      ((ObjectNode) debug.path("spec").path("ephemeralContainers").get(0))
          .put("image", host + "/app:signed");
      Decision m = decide(e, debug, AdmissionPhase.MUTATE);
      assertThat(m.patches()).hasSize(1);
      assertThat(m.patches().get(0).path()).isEqualTo("/spec/ephemeralContainers/0/image");
      assertThat(m.patches().get(0).value().asText()).isEqualTo(signed);
      ((ObjectNode) debug.path("spec").path("ephemeralContainers").get(0))
          .put("image", m.patches().get(0).value().asText());
      assertThat(decide(e, debug, AdmissionPhase.VALIDATE).allowed()).isTrue();
    }
  }

  // --- PolicyReport of an Audit policy
  // ------------------------------------------------------------

  @Test
  void auditFailuresAreReportedNotDenied() {
    String p =
        podPolicy(
            "audit-signed",
            "  validationActions: [Audit]\n"
                + "  auditAnnotations:\n"
                + "  - key: checked\n"
                + "    valueExpression: \"string(size(images.containers))\"\n"
                + keyAttestor()
                + """
                  validations:
                  - expression: >-
                      images.containers.all(i, verifyImageSignatures(i, [attestors.cosign]) > 0)
                    message: unsigned image
                """);
    try (IvpolEngine e = engine(null, p)) {
      ObjectNode resource = pod("default", unsigned);
      Decision d = decide(e, resource, AdmissionPhase.VALIDATE);
      assertThat(d.allowed()).isTrue();
      assertThat(d.warnings()).isEmpty();
      JsonNode report = PolicyReports.of(resource, d, Instant.EPOCH);
      assertThat(report.path("apiVersion").asText()).isEqualTo("wgpolicyk8s.io/v1alpha2");
      assertThat(report.path("scope").path("kind").asText()).isEqualTo("Pod");
      assertThat(report.path("scope").path("namespace").asText()).isEqualTo("default");
      // An Audit failure is "fail" in a report, as Kyverno writes it (warn only in the answer).
      assertThat(report.path("summary").path("fail").asInt()).isEqualTo(1);
      assertThat(report.path("summary").path("warn").asInt()).isEqualTo(0);
      JsonNode r = report.path("results").get(0);
      assertThat(r.path("policy").asText()).isEqualTo("audit-signed");
      assertThat(r.path("result").asText()).isEqualTo("fail");
      assertThat(r.path("message").asText()).isEqualTo("unsigned image");
      assertThat(r.path("properties").path("image.0").asText()).isEqualTo(unsigned);
      // The audit annotation is a property too (Kyverno's rule response properties).
      assertThat(r.path("properties").path("checked").asText()).isEqualTo("1");
      assertThat(r.path("properties").size()).isEqualTo(2);
      Decision ok = decide(e, pod("default", signed), AdmissionPhase.VALIDATE);
      JsonNode passed = PolicyReports.of(pod("default", signed), ok, Instant.EPOCH);
      assertThat(passed.path("results").get(0).path("result").asText()).isEqualTo("pass");
      assertThat(passed.path("summary").path("pass").asInt()).isEqualTo(1);
    }
  }

  // --- matchPolicy: Equivalent ------------------------------------------------------------------

  @Test
  void equivalentMatchPolicyMatchesOtherVersionsOfWorkloads() throws Exception {
    String p =
        """
        apiVersion: policies.kyverno.io/v1
        kind: ImageValidatingPolicy
        metadata:
          name: old-deployments
        spec:
          matchConstraints:
            %s
            resourceRules:
            - apiGroups: [extensions]
              apiVersions: [v1beta1]
              operations: [CREATE]
              resources: [deployments]
          validationConfigurations:
            required: false
          attestors: []
          validations:
          - expression: "images.containers.all(i, i.contains('@'))"
            message: tag only
        """;
    JsonNode deployment =
        JSON.readTree(
            """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"default"},
             "spec":{"template":{"spec":{"containers":[{"name":"c","image":"%s"}]}}}}
            """
                .formatted(signed));
    try (IvpolEngine e = engine(null, p.formatted(""))) {
      assertThat(e.mayMatch("apps", "v1", "Deployment")).isTrue();
      assertThat(e.mayMatch("apps", "v1", "StatefulSet")).isFalse();
      Decision d = decide(e, deployment, AdmissionPhase.VALIDATE);
      assertThat(d.results()).extracting(r -> r.status()).containsExactly(RuleStatus.PASS);
    }
    try (IvpolEngine e = engine(null, p.formatted("matchPolicy: Exact"))) {
      assertThat(e.mayMatch("apps", "v1", "Deployment")).isFalse();
      assertThat(decide(e, deployment, AdmissionPhase.VALIDATE).results()).isEmpty();
    }
    // excludeResourceRules are matched the same way.
    String excluded =
        p.formatted("")
            .replace("[extensions]", "[apps]")
            .replace("[v1beta1]", "[v1]")
            .replace(
                "  validationConfigurations:",
                "    excludeResourceRules:\n"
                    + "    - apiGroups: [apps]\n"
                    + "      apiVersions: [v1beta2]\n"
                    + "      resources: [deployments]\n"
                    + "  validationConfigurations:");
    try (IvpolEngine e = engine(null, excluded)) {
      assertThat(decide(e, deployment, AdmissionPhase.VALIDATE).results()).isEmpty();
    }
  }

  // --- webhookConfiguration.timeoutSeconds -------------------------------------------------------

  @Test
  void timeoutSecondsStopsThePolicyAndAppliesItsFailurePolicy() {
    try (FaultProxy slow = FaultProxy.start(host)) {
      // Every registry answer takes 3 s, longer than the policy's 1 s.
      slow.rule((request, upstream) -> upstream.forward(request).delayed(3000));
      String image = slow.host() + "/app@" + signedDigest;
      String p =
          podPolicy(
              "slow",
              "  webhookConfiguration:\n    timeoutSeconds: 1\n%s".formatted("FAILURE")
                  + keyAttestor()
                  + """
                    validations:
                    - expression: >-
                        images.containers.all(i, verifyImageSignatures(i, [attestors.cosign]) > 0)
                      message: unsigned
                  """);
      EngineConfig config =
          EngineConfig.defaults()
              .withOci(
                  OciClientConfig.defaults().withInsecureRegistries(Set.of(host, slow.host())));
      for (String failurePolicy : List.of("Fail", "Ignore")) {
        IvpolLoad load =
            IvpolLoader.parse(
                p.replace("FAILURE", "  failurePolicy: " + failurePolicy + "\n"), "slow.yaml");
        try (IvpolEngine e = IvpolEngine.create(load.policies(), config, false, null)) {
          Decision d = decide(e, pod("default", image), AdmissionPhase.VALIDATE);
          if (failurePolicy.equals("Fail")) {
            assertThat(d.denyMessage())
                .isEqualTo(
                    "Policy slow error: policy evaluation exceeded"
                        + " webhookConfiguration.timeoutSeconds (1s)");
          } else {
            assertThat(d.allowed()).as(d.toString()).isTrue();
            assertThat(d.results()).extracting(r -> r.status()).containsExactly(RuleStatus.SKIP);
          }
        }
      }
    }
  }
}
