package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.testkit.Fixtures;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import dev.imagegate.testkit.RegistryUpload;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keyless interop against local mock Fulcio (with CT log), Rekor v1 and TSA: {@code
 * fixtures/keyless/make-keyless-fixtures.sh} (sigstore-js {@code @sigstore/mock} +
 * {@code @sigstore/sign}, offline) signs DSSE bundles about images of a real registry and writes
 * the matching {@code trusted_root.json}; this test pushes each bundle as cosign v3 does (an OCI
 * referrer with the empty config, one bundle layer, the subject, and the {@code sha256-<hex>}
 * referrers-tag index, since distribution 2.8 has no referrers API), then runs {@code imagegate
 * verify} and {@code imagegate apply} (Kyverno keyless attestors) and compares each {@code verify}
 * outcome with the real {@code cosign verify --trusted-root}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeylessMockInteropTest {
  static final String SIGN = "https://sigstore.dev/cosign/sign/v1";
  static final String REVIEW = "https://example.com/CodeReview/v1";
  static final String EMAIL = "signer@example.test";
  static final String EMAIL_ISSUER = "https://issuer.example.test";
  static final String WORKFLOW =
      "https://github.com/example-org/app/.github/workflows/release.yml@refs/heads/main";
  static final String GH_ISSUER = "https://token.actions.githubusercontent.com";
  static final String BUNDLE_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String EMPTY_TYPE = "application/vnd.oci.empty.v1+json";
  static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
  private static final Peers PEERS = Peers.installed();
  private static final Path SCRIPT =
      Path.of(System.getProperty("imagegate.root", ".."))
          .resolve("fixtures/keyless/make-keyless-fixtures.sh");

  private LocalRegistry registry;
  private RegistryUpload upload;
  private Path work;
  private Path out;

  /** tag -> digest of the images in repository {@code keyless}. */
  private final Map<String, String> digests = new LinkedHashMap<>();

  @BeforeAll
  void signAndPush() throws IOException {
    Prerequisites.peers();
    Prerequisites.require(
        onPath("node") && onPath("npm"),
        "node and npm (the sigstore-js mock signer)",
        "install them, e.g. apt-get install nodejs npm");
    work = Files.createTempDirectory("keyless-mock");
    Result install = script(List.of("--install"), 15);
    Prerequisites.require(
        install.code() != 3,
        "the pinned sigstore-js npm packages (npm could not install them: " + install.log() + ")",
        "make the npm registry reachable");
    assertThat(install.code()).as("make-keyless-fixtures.sh --install: " + install.log()).isZero();

    registry = LocalRegistry.start(PEERS);
    upload = new RegistryUpload(registry.host());
    Fixtures fixtures = new Fixtures(PEERS, work);
    for (String tag : List.of("email", "github", "reviewed", "tampered", "misplaced", "unsigned")) {
      digests.put(tag, fixtures.pushRandomImage(registry.host(), "keyless:" + tag));
    }
    ObjectNode jobs = JsonOutput.JSON.createObjectNode();
    ArrayNode list = jobs.putArray("jobs");
    job(list, "sign-email.json", "email", "email", SIGN, null);
    job(list, "sign-github.json", "github", "github", SIGN, null);
    ObjectNode review = JsonOutput.JSON.createObjectNode();
    review.putObject("repo").put("uri", "https://github.com/example-org/app").put("branch", "main");
    review.putArray("reviewers").add("ana@example.com").add("bob@example.com");
    job(list, "attest-review.json", "reviewed", "github", REVIEW, review);
    job(list, "sign-tampered.json", "tampered", "email", SIGN, null);
    // Signed for the "email" image but attached to "misplaced": the statement names another digest.
    job(list, "sign-misplaced.json", "email", "email", SIGN, null);
    job(list, "sign-email-v02.json", "email", "email", SIGN, null).put("format", "v0.2");
    Path jobsFile = work.resolve("jobs.json");
    Files.write(jobsFile, JsonOutput.JSON.writeValueAsBytes(jobs));
    out = work.resolve("out");
    Result sign = script(List.of(out.toString(), jobsFile.toString()), 5);
    assertThat(sign.code()).as("make-keyless-fixtures.sh: " + sign.log()).isZero();

    attach("email", Files.readAllBytes(out.resolve("sign-email.json")), SIGN);
    attach("github", Files.readAllBytes(out.resolve("sign-github.json")), SIGN);
    attach("reviewed", Files.readAllBytes(out.resolve("attest-review.json")), REVIEW);
    attach(
        "tampered", tamperSignature(Files.readAllBytes(out.resolve("sign-tampered.json"))), SIGN);
    attach("misplaced", Files.readAllBytes(out.resolve("sign-misplaced.json")), SIGN);
  }

  @AfterAll
  void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private ObjectNode job(
      ArrayNode list,
      String file,
      String image,
      String identity,
      String predicateType,
      JsonNode predicate) {
    ObjectNode j =
        list.addObject()
            .put("file", file)
            .put("subjectName", registry.host() + "/keyless")
            .put("digest", digests.get(image))
            .put("identity", identity)
            .put("predicateType", predicateType);
    if (predicate != null) {
      j.set("predicate", predicate);
    }
    return j;
  }

  private String ref(String tag) {
    return registry.host() + "/keyless:" + tag;
  }

  private String path(String file) {
    return out.resolve(file).toString();
  }

  // ---- cosign v3 storage: referrer manifest + referrers-tag index
  // --------------------------------------------------

  /**
   * Pushes {@code bundle} as cosign v3 does and adds it to the image's {@code sha256-<hex>}
   * referrers-tag index.
   */
  private void attach(String tag, byte[] bundle, String predicateType) throws IOException {
    String subject = digests.get(tag);
    byte[] subjectManifest = get("/v2/keyless/manifests/" + subject, OCI_MANIFEST);
    String emptyDigest = upload.blob("keyless", EMPTY);
    String layerDigest = upload.blob("keyless", bundle);
    ObjectNode m = JsonOutput.JSON.createObjectNode();
    m.put("schemaVersion", 2).put("mediaType", OCI_MANIFEST).put("artifactType", BUNDLE_TYPE);
    m.putObject("config")
        .put("mediaType", EMPTY_TYPE)
        .put("digest", emptyDigest)
        .put("size", EMPTY.length);
    m.putArray("layers")
        .addObject()
        .put("mediaType", BUNDLE_TYPE)
        .put("digest", layerDigest)
        .put("size", bundle.length);
    m.putObject("subject")
        .put("mediaType", OCI_MANIFEST)
        .put("digest", subject)
        .put("size", subjectManifest.length);
    ObjectNode annotations =
        m.putObject("annotations")
            .put("dev.sigstore.bundle.content", "dsse-envelope")
            .put("dev.sigstore.bundle.predicateType", predicateType);
    byte[] manifest = JsonOutput.JSON.writeValueAsBytes(m);
    String digest =
        upload.manifest("keyless", RegistryUpload.sha256(manifest), OCI_MANIFEST, manifest);

    String fallbackTag = subject.replace(':', '-');
    byte[] existing = getOrNull("/v2/keyless/manifests/" + fallbackTag, OCI_INDEX);
    ObjectNode index =
        existing == null
            ? JsonOutput.JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_INDEX)
            : (ObjectNode) JsonOutput.JSON.readTree(existing);
    ArrayNode entries =
        index.has("manifests") ? (ArrayNode) index.get("manifests") : index.putArray("manifests");
    ObjectNode entry =
        entries
            .addObject()
            .put("mediaType", OCI_MANIFEST)
            .put("digest", digest)
            .put("size", manifest.length)
            .put("artifactType", BUNDLE_TYPE);
    entry.set("annotations", annotations.deepCopy());
    upload.manifest("keyless", fallbackTag, OCI_INDEX, JsonOutput.JSON.writeValueAsBytes(index));
  }

  /**
   * The bundle with the last byte of its DSSE signature changed (the envelope no longer verifies).
   */
  private static byte[] tamperSignature(byte[] bundle) throws IOException {
    ObjectNode json = (ObjectNode) JsonOutput.JSON.readTree(bundle);
    ObjectNode sig = (ObjectNode) json.get("dsseEnvelope").get("signatures").get(0);
    byte[] raw = Base64.getDecoder().decode(sig.get("sig").asText());
    raw[raw.length - 1] ^= 0x01;
    sig.put("sig", Base64.getEncoder().encodeToString(raw));
    return JsonOutput.JSON.writeValueAsBytes(json);
  }

  private byte[] get(String path, String accept) {
    byte[] b = getOrNull(path, accept);
    assertThat(b).as("GET " + path).isNotNull();
    return b;
  }

  private byte[] getOrNull(String path, String accept) {
    try {
      HttpResponse<byte[]> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://" + registry.host() + path))
                      .header("Accept", accept)
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---- imagegate verify, compared with cosign verify
  // ----------------------------------------------------------------

  /**
   * One verification: imagegate arguments (also given to cosign unless {@code cosign} is false),
   * expectation, reason.
   */
  record Case(
      String id, String tag, List<String> args, boolean pass, String reason, boolean cosign) {}

  Stream<Arguments> cases() {
    List<String> root = List.of("--trusted-root", "@trusted_root.json");
    List<String> email =
        List.of("--certificate-identity", EMAIL, "--certificate-oidc-issuer", EMAIL_ISSUER);
    List<String> github =
        List.of("--certificate-identity", WORKFLOW, "--certificate-oidc-issuer", GH_ISSUER);
    List<String> workflow =
        List.of(
            "--certificate-github-workflow-trigger",
            "push",
            "--certificate-github-workflow-sha",
            "0123456789abcdef0123456789abcdef01234567",
            "--certificate-github-workflow-name",
            "release",
            "--certificate-github-workflow-repository",
            "example-org/app",
            "--certificate-github-workflow-ref",
            "refs/heads/main");
    List<Case> cases =
        List.of(
            new Case("email", "email", join(root, email), true, null, true),
            new Case(
                "email-regexp",
                "email",
                join(
                    root,
                    List.of(
                        "--certificate-identity-regexp",
                        "^signer@example\\.",
                        "--certificate-oidc-issuer-regexp",
                        "^https://issuer\\.example\\.")),
                true,
                null,
                true),
            new Case(
                "email-wrong-identity",
                "email",
                join(
                    root,
                    List.of(
                        "--certificate-identity",
                        "mallory@example.test",
                        "--certificate-oidc-issuer",
                        EMAIL_ISSUER)),
                false,
                "certificate identity mismatch: expected subject 'mallory@example.test'",
                true),
            new Case(
                "email-wrong-issuer",
                "email",
                join(
                    root,
                    List.of(
                        "--certificate-identity",
                        EMAIL,
                        "--certificate-oidc-issuer",
                        "https://accounts.google.com")),
                false,
                "expected subject 'signer@example.test' issuer 'https://accounts.google.com', found SANs [signer@example.test] issuer"
                    + " 'https://issuer.example.test'",
                true),
            new Case(
                "email-public-good-root",
                "email",
                email,
                false,
                "is not a transparency log of the trusted root (trusted: [https://rekor.sigstore.dev",
                true),
            new Case(
                "email-other-root",
                "email",
                join(List.of("--trusted-root", "@other_trusted_root.json"), email),
                false,
                "is not a transparency log of the trusted root (trusted: [https://rekor.imagegate.test])",
                true),
            new Case("github", "github", join(root, github), true, null, true),
            new Case(
                "github-workflow-extensions",
                "github",
                join(root, github, workflow),
                true,
                null,
                true),
            new Case(
                "github-wrong-workflow-ref",
                "github",
                join(root, github, List.of("--certificate-github-workflow-ref", "refs/heads/dev")),
                false,
                "certificate extension mismatch: githubWorkflowRef (1.3.6.1.4.1.57264.1.6) expected 'refs/heads/dev', found 'refs/heads/main'",
                true),
            new Case(
                "github-as-email",
                "github",
                join(root, email),
                false,
                "certificate identity mismatch",
                true),
            new Case(
                "tampered-signature",
                "tampered",
                join(root, email),
                false,
                "DSSE signature does not verify over the envelope (PAE)",
                true),
            new Case(
                "bundle-of-another-image",
                "misplaced",
                join(root, email),
                false,
                "no statement subject has digest",
                true),
            new Case("unsigned", "unsigned", join(root, email), false, "no signatures found", true),
            // cosign v3 verify accepts any bundle referrer whose statement names the image,
            // whatever its predicate type.
            new Case(
                "attestation-also-counts-as-signature",
                "reviewed",
                join(root, github),
                true,
                null,
                true),
            new Case(
                "attestation",
                "reviewed",
                join(root, github, List.of("--type", REVIEW)),
                true,
                null,
                true),
            new Case(
                "attestation-other-type",
                "reviewed",
                join(root, github, List.of("--type", "https://example.com/Other/v1")),
                false,
                "predicate type is https://example.com/CodeReview/v1, expected https://example.com/Other/v1",
                true),
            new Case(
                "attestation-wrong-identity",
                "reviewed",
                join(root, email, List.of("--type", REVIEW)),
                false,
                "certificate identity mismatch",
                true),
            new Case(
                "signature-is-an-attestation",
                "email",
                join(root, email, List.of("--type", REVIEW)),
                false,
                "predicate type is https://sigstore.dev/cosign/sign/v1, expected " + REVIEW,
                true));
    return cases.stream().map(c -> Arguments.of(c.id(), c));
  }

  @SafeVarargs
  private static List<String> join(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> p : parts) {
      all.addAll(p);
    }
    return all;
  }

  private List<String> resolve(List<String> args) {
    return args.stream().map(a -> a.startsWith("@") ? path(a.substring(1)) : a).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verifyAgreesWithCosign(String id, Case c) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of("verify", "--output", "json", "--insecure-registry", registry.host()));
    args.addAll(resolve(c.args()));
    args.add(ref(c.tag()));
    CliRunner.Run ours = CliRunner.run(args.toArray(String[]::new));
    String output = id + " imagegate output:\n" + ours.out() + ours.err();
    assertThat(ours.exitCode()).as(output).isEqualTo(c.pass() ? 0 : 1);
    JsonNode result = JsonOutput.JSON.readTree(ours.out()).get(0);
    assertThat(result.get("verified").asBoolean()).as(output).isEqualTo(c.pass());
    if (!c.pass()) {
      assertThat(result.get("reason").asText()).as(output).contains(c.reason());
    }
    if (c.cosign()) {
      Peers.Result cosign = cosign(c);
      assertThat(cosign.exitCode() == 0)
          .as(id + ": cosign disagrees with imagegate:\n" + cosign.stdout() + cosign.stderr())
          .isEqualTo(c.pass());
    }
  }

  private Peers.Result cosign(Case c) {
    List<String> args = new ArrayList<>();
    List<String> given = resolve(c.args());
    args.add(given.contains("--type") ? "verify-attestation" : "verify");
    args.addAll(List.of("--allow-insecure-registry", "--allow-http-registry"));
    args.addAll(given);
    if (!given.contains("--trusted-root")) {
      // imagegate's default is its bundled public-good snapshot; cosign would fetch the live one
      // with TUF (offline here).
      args.addAll(List.of("--trusted-root", publicGoodRoot().toString()));
    }
    args.add(registry.host() + "/keyless@" + digests.get(c.tag()));
    return PEERS.run(work, Map.of("HOME", work.toString()), "cosign", args.toArray(String[]::new));
  }

  private Path publicGoodRoot() {
    Path file = work.resolve("public-good-trusted-root.json");
    try (var in =
        dev.imagegate.sigstore.TrustedRoot.class.getResourceAsStream(
            "public-good-trusted-root.json")) {
      if (!Files.exists(file)) {
        Files.write(file, in.readAllBytes());
      }
      return file;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void v02BundleFileVerifiesWithTheConformanceClient() {
    CliRunner.Run run =
        CliRunner.run(
            "verify-bundle",
            "--bundle",
            path("sign-email-v02.json"),
            "--certificate-identity",
            EMAIL,
            "--certificate-oidc-issuer",
            EMAIL_ISSUER,
            "--trusted-root",
            path("trusted_root.json"),
            digests.get("email"));
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    CliRunner.Run other =
        CliRunner.run(
            "verify-bundle",
            "--bundle",
            path("sign-email-v02.json"),
            "--certificate-identity",
            EMAIL,
            "--certificate-oidc-issuer",
            EMAIL_ISSUER,
            "--trusted-root",
            path("trusted_root.json"),
            digests.get("github"));
    assertThat(other.exitCode()).as(other.out() + other.err()).isEqualTo(1);
  }

  // ---- Kyverno keyless attestors through imagegate apply
  // ----------------------------------------------------------

  @Test
  void kyvernoKeylessAttestorsWithTheMockRoots() throws IOException {
    String policy =
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata:
          name: keyless-mock
        spec:
          validationFailureAction: Enforce
          rules:
            - name: signed-by-release-workflow
              match:
                any:
                - resources:
                    kinds: [Pod]
              verifyImages:
              - imageReferences: ["@REGISTRY@/keyless:g*", "@REGISTRY@/keyless:e*", "@REGISTRY@/keyless:t*"]
                attestors:
                - entries:
                  - keyless:
                      subject: "https://github.com/example-org/*/.github/workflows/release.yml@refs/heads/main"
                      issuer: "@GH_ISSUER@"
                      additionalExtensions:
                        githubWorkflowRepository: example-org/app
        @TRUST@
            - name: code-reviewed
              match:
                any:
                - resources:
                    kinds: [Pod]
              verifyImages:
              - imageReferences: ["@REGISTRY@/keyless:reviewed*"]
                type: SigstoreBundle
                attestors:
                - entries:
                  - &reviewer
                    keyless:
                      subject: "@WORKFLOW@"
                      issuer: "@GH_ISSUER@"
        @TRUST@
                attestations:
                - type: @REVIEW@
                  # Without attestors Kyverno would use the public-good root (imageverifier.go).
                  attestors: [{entries: [*reviewer]}]
                  conditions:
                  - all:
                    - key: "{{ repo.branch }}"
                      operator: Equals
                      value: main
                    - key: "{{ reviewers }}"
                      operator: AnyIn
                      value: ["bob@example.com"]
        """
            .replace("@TRUST@", trustYaml(true))
            .replace("@REGISTRY@", registry.host())
            .replace("@GH_ISSUER@", GH_ISSUER)
            .replace("@WORKFLOW@", WORKFLOW)
            .replace("@REVIEW@", REVIEW);
    JsonNode doc = apply(policy, "github", "email", "tampered", "reviewed");
    assertThat(status(doc, "signed-by-release-workflow", "github")).isEqualTo("pass");
    assertThat(status(doc, "signed-by-release-workflow", "email")).isEqualTo("fail");
    assertThat(message(doc, "signed-by-release-workflow", "email"))
        .contains(
            "certificate identity mismatch: expected subject"
                + " 'https://github.com/example-org/*/.github/workflows/release.yml@refs/heads/main'")
        .contains("found SANs [signer@example.test]");
    assertThat(status(doc, "signed-by-release-workflow", "tampered")).isEqualTo("fail");
    assertThat(message(doc, "signed-by-release-workflow", "tampered"))
        .contains("DSSE signature does not verify over the envelope (PAE)");
    assertThat(status(doc, "code-reviewed", "reviewed")).as(doc.toString()).isEqualTo("pass");
  }

  @Test
  void kyvernoKeylessWithoutTheTsaChainRefusesTheMockTimestamp() throws IOException {
    String policy =
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata:
          name: keyless-mock-no-tsa
        spec:
          validationFailureAction: Enforce
          rules:
            - name: signed
              match:
                any:
                - resources:
                    kinds: [Pod]
              verifyImages:
              - imageReferences: ["@REGISTRY@/keyless:*"]
                attestors:
                - entries:
                  - keyless:
                      subject: "@EMAIL@"
                      issuer: "@EMAIL_ISSUER@"
        @TRUST@
        """
            .replace("@TRUST@", trustYaml(false))
            .replace("@REGISTRY@", registry.host())
            .replace("@EMAIL@", EMAIL)
            .replace("@EMAIL_ISSUER@", EMAIL_ISSUER);
    JsonNode doc = apply(policy, "email");
    // The public-good TSA stays trusted when ctlog.tsaCertChain is not given, and a timestamp that
    // is present must verify.
    assertThat(status(doc, "signed", "email")).as(doc.toString()).isEqualTo("fail");
    assertThat(message(doc, "signed", "email"))
        .contains("RFC 3161 timestamp (time ")
        .contains("is not signed by a trusted timestamp authority");
  }

  /**
   * roots, rekor.pubkey and ctlog.pubkey (and ctlog.tsaCertChain) of the mock services, indented
   * for an entry.
   */
  private String trustYaml(boolean tsa) {
    try {
      StringBuilder y = new StringBuilder();
      String at = " ".repeat(14);
      String in = " ".repeat(16);
      y.append(at)
          .append("roots: |-\n")
          .append(indent(Files.readString(out.resolve("fulcio-root.pem")), 16));
      y.append(at)
          .append("rekor:\n")
          .append(in)
          .append("url: https://rekor.imagegate.test\n")
          .append(in)
          .append("pubkey: |-\n")
          .append(indent(Files.readString(out.resolve("rekor.pub")), 18));
      y.append(at)
          .append("ctlog:\n")
          .append(in)
          .append("pubkey: |-\n")
          .append(indent(Files.readString(out.resolve("ctlog.pub")), 18));
      if (tsa) {
        y.append(in)
            .append("tsaCertChain: |-\n")
            .append(indent(Files.readString(out.resolve("tsa-chain.pem")), 18));
      }
      return y.toString().stripTrailing();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String indent(String text, int n) {
    String pad = " ".repeat(n);
    StringBuilder b = new StringBuilder();
    for (String line : text.strip().split("\n")) {
      b.append(pad).append(line).append('\n');
    }
    return b.toString();
  }

  private JsonNode apply(String policy, String... tags) throws IOException {
    Path p = Files.createTempFile(work, "policy-", ".yaml");
    Files.writeString(p, policy);
    StringBuilder resources = new StringBuilder();
    for (String tag : tags) {
      resources.append(
          """
          ---
          apiVersion: v1
          kind: Pod
          metadata: {name: %s, namespace: default}
          spec:
            containers: [{name: app, image: "%s"}]
          """
              .formatted(tag, ref(tag)));
    }
    Path r = Files.createTempFile(work, "resources-", ".yaml");
    Files.writeString(r, resources.toString());
    CliRunner.Run run =
        CliRunner.run(
            "apply",
            "--policy",
            p.toString(),
            "--resource",
            r.toString(),
            "--insecure-registry",
            registry.host(),
            "--output",
            "json");
    assertThat(run.err()).as(run.out() + run.err()).doesNotContain("Exception");
    return JsonOutput.JSON.readTree(run.out());
  }

  private static JsonNode result(JsonNode doc, String rule, String pod) {
    for (JsonNode r : doc.get("results")) {
      if (r.get("rule").asText().equals(rule) && r.get("resource").asText().endsWith("/" + pod)) {
        return r;
      }
    }
    throw new AssertionError("no result for " + rule + " " + pod + " in " + doc);
  }

  private static String status(JsonNode doc, String rule, String pod) {
    return result(doc, rule, pod).get("status").asText();
  }

  private static String message(JsonNode doc, String rule, String pod) {
    return result(doc, rule, pod).get("message").asText();
  }

  // ---- processes
  // ------------------------------------------------------------------------------------------------

  record Result(int code, String log) {}

  private Result script(List<String> args, int minutes) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(args);
    Path log = Files.createTempFile(work, "script-", ".log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Result(-1, "timed out after " + minutes + " minutes: " + Files.readString(log));
      }
      return new Result(p.exitValue(), Files.readString(log));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean onPath(String tool) {
    try {
      Process p =
          new ProcessBuilder(tool, "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
