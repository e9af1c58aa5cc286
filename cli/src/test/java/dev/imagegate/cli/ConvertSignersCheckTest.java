package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code convert --check} on every signer kind against images signed by the real peers in a local
 * registry: Notary signatures and a Notary-signed SBOM referrer (real notation), keyless and
 * certificate attestors on offline CA-issued certificates (real cosign v2), and cosign v3 Sigstore
 * bundles (legacy {@code type: SigstoreBundle}). For each legacy policy under {@code
 * src/test/resources/convert-check/KIND/}: the conversion decides every resource the same, and the
 * decision is the one {@code expected.txt} names (so an agreement on "everything denied" is
 * caught).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConvertSignersCheckTest {
  private static final Path DIR = Path.of("src/test/resources/convert-check");
  private static final Pattern QUOTED_PEM = Pattern.compile("\"@PEM:([\\w.-]+)@\"");
  private static final Pattern PEM = Pattern.compile("(?m)^([ \\t]*)@PEM:([\\w.-]+)@");

  /** Policy directory -> the fixture (script) its images come from. */
  private static final Map<String, String> FIXTURE =
      Map.of("notary", "notary", "keyless", "keyless", "bundle", "cosign", "required", "cosign");

  private final Map<String, SignedFixtures> fixtures = new LinkedHashMap<>();
  private Path work;

  @BeforeAll
  void setUp() throws IOException {
    Prerequisites.peers();
    Peers peers = Peers.installed();
    fixtures.put("notary", SignedFixtures.create(peers, "fixtures/ivpol/make-notary-fixtures.sh"));
    fixtures.put("keyless", SignedFixtures.create(peers, "fixtures/keyless/make-cert-fixtures.sh"));
    fixtures.put("cosign", SignedFixtures.create(peers));
    work = Files.createTempDirectory("convert-signers");
  }

  @AfterAll
  void tearDown() {
    fixtures.values().forEach(SignedFixtures::close);
  }

  /** (kind, policy file) for every policy under convert-check/KIND. */
  Stream<Arguments> policies() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (String kind : new java.util.TreeSet<>(FIXTURE.keySet())) {
      try (Stream<Path> files = Files.list(DIR.resolve(kind))) {
        files
            .map(p -> p.getFileName().toString())
            .filter(f -> f.endsWith(".yaml") && !f.equals("resources.yaml"))
            .sorted()
            .forEach(f -> out.add(Arguments.of(kind, f)));
      }
    }
    return out.stream();
  }

  /** {@code @REGISTRY@} and {@code @PEM:FILE@} (the fixture file, indented as the placeholder). */
  static String render(String template, SignedFixtures f) throws IOException {
    String s = template.replace("@REGISTRY@", f.registry.host());
    // a quoted "@PEM:FILE@" (the seed copies) becomes a quoted string holding the PEM
    Matcher q = QUOTED_PEM.matcher(s);
    StringBuilder quoted = new StringBuilder();
    while (q.find()) {
      String pem = Files.readString(f.dir.resolve(q.group(1))).strip();
      q.appendReplacement(
          quoted,
          Matcher.quoteReplacement(
              new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(pem)));
    }
    q.appendTail(quoted);
    s = quoted.toString();
    Matcher m = PEM.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String pem = Files.readString(f.dir.resolve(m.group(2))).strip();
      m.appendReplacement(
          b, Matcher.quoteReplacement(m.group(1) + pem.replace("\n", "\n" + m.group(1))));
    }
    m.appendTail(b);
    return b.toString();
  }

  Path rendered(String kind, String file) throws IOException {
    Path out = work.resolve(kind + "-" + file);
    Files.writeString(
        out, render(Files.readString(DIR.resolve(kind).resolve(file)), fixture(kind)));
    return out;
  }

  private SignedFixtures fixture(String kind) {
    SignedFixtures f = fixtures.get(FIXTURE.get(kind));
    assertThat(f).as(kind).isNotNull();
    return java.util.Objects.requireNonNull(f);
  }

  /** The lines {@code POLICY_FILE Kind/ns/name CLASS} of KIND/expected.txt for one policy. */
  static List<String> expected(String kind, String file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(DIR.resolve(kind).resolve("expected.txt"))) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[0].equals(file)) {
        // "differs": a documented difference (docs/convert.md), reported as such
        out.add(f[2].equals("differs") ? "DIFF " + f[1] + ":" : "SAME " + f[1] + ": " + f[2]);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}/{1}")
  @MethodSource("policies")
  void conversionDecidesTheSameAsExpected(String kind, String file) throws IOException {
    List<String> expected = expected(kind, file);
    assertThat(expected).as("expected.txt lines for " + file).isNotEmpty();
    CliRunner.Run run =
        convertCheck(
            rendered(kind, file), rendered(kind, "resources.yaml"), fixture(kind).registry.host());
    assertThat(run.out())
        .as(run.err() + CliRunner.run("convert", "--policy", rendered(kind, file).toString()).out())
        .contains(expected);
    long differs = expected.stream().filter(e -> e.startsWith("DIFF")).count();
    assertThat(run.out())
        .contains(
            differs == 0
                ? "images, no differences"
                : "images, " + differs + (differs == 1 ? " difference" : " differences"));
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(differs == 0 ? 0 : 1);
  }

  /**
   * The one difference type: SigstoreBundle keeps (docs/convert.md): the legacy rule reads only
   * Sigstore bundles, the converted cosign attestor also a cosign v2 {@code .sig} signature.
   */
  @org.junit.jupiter.api.Test
  void sigstoreBundleOnAnImageSignedOnlyTheV2WayIsTheDocumentedDifference() throws IOException {
    Path pod = work.resolve("v2-signed-pod.yaml");
    Files.writeString(
        pod,
        render(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: v2-signed}
            spec:
              containers: [{name: app, image: "@REGISTRY@/app:v2-signed"}]
            """,
            fixture("bundle")));
    Path policy = work.resolve("bundle-v2-signed.yaml");
    Files.writeString(
        policy,
        Files.readString(rendered("bundle", "signature.yaml"))
            .replace("/app:v3-*\"", "/app:v2-signed\""));
    CliRunner.Run run = convertCheck(policy, pod, fixture("bundle").registry.host());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("DIFF Pod/default/v2-signed:")
        .contains("decision: legacy deny, converted allow")
        .contains("1 difference");
    assertThat(run.err()).contains("gap: ").contains("type SigstoreBundle");
  }

  // --- the seed documents' policies, rewritten to the local registry and the fixtures' trust

  /**
   * Seed policies (policy/src/test/resources/seeds) that run offline once their trust material is
   * the fixtures': file -> fixture. Not here: 002-keyless-github (its identity holds variables: a
   * conversion gap), 002-pipeline-bundle (PipelineRun of an unknown API group and an extractor
   * without {@code *}: conversion gaps), 002-tekton-taskrun (matches the TaskRun {@code status}
   * subresource, which --check, evaluating CREATE of whole objects, never requests),
   * 004-environment-specific (Kyverno's validation refuses it: mutateDigest with an Audit failure
   * action; the apply scenario "environments" is its corrected form, checked by ConvertCheckTest).
   */
  static final Map<String, String> SEEDS =
      new java.util.TreeMap<>(
          Map.ofEntries(
              Map.entry("000-check-image-notary.yaml", "notary"),
              Map.entry("001-check-image-notary.yaml", "notary"),
              Map.entry("001-sbom-attestation.yaml", "notary"),
              Map.entry("001-validate-across-attestations.yaml", "notary"),
              Map.entry("002-annotations-legacy.yaml", "cosign"),
              Map.entry("002-attest-code-review.yaml", "cosign"),
              Map.entry("002-cert-chain-root-only.yaml", "keyless"),
              Map.entry("002-cert-chain.yaml", "keyless"),
              Map.entry("002-check-image.yaml", "cosign"),
              Map.entry("002-keyless.yaml", "keyless"),
              Map.entry("002-signature-repository.yaml", "cosign"),
              Map.entry("004-certificate-verification.yaml", "keyless"),
              Map.entry("004-require-dual-signatures.yaml", "cosign"),
              Map.entry("004-require-signed-images.yaml", "cosign")));

  private static final Path SEED_DIR =
      Path.of(System.getProperty("imagegate.root", ".."))
          .resolve("policy/src/test/resources/seeds");

  /** The seeds' image references -> the fixture images (longest first: prefixes of each other). */
  private static final List<Map.Entry<String, String>> REFERENCES =
      List.of(
          Map.entry("ghcr.io/kyverno/test-verify-image:signed-keyless", "@REGISTRY@/app:v2-signed"),
          Map.entry("ghcr.io/kyverno/test-verify-image:signed-cert", "@REGISTRY@/certs:v2-email"),
          Map.entry("ghcr.io/kyverno/test-verify-image:", "@REGISTRY@/app:"),
          Map.entry("ghcr.io/kyverno/test-verify-image", "@REGISTRY@/napp"),
          Map.entry("registry.company.com/critical/*", "@REGISTRY@/app:*"),
          Map.entry("registry.company.com/*", "@REGISTRY@/app:*"),
          Map.entry("registry.io/org/app", "@REGISTRY@/app"),
          Map.entry("registry.io/signatures", "@REGISTRY@/signatures"));

  Stream<String> seeds() {
    return SEEDS.keySet().stream();
  }

  /**
   * The test copy of a seed: image references on the local registry, keys k1, k2, ... (one per
   * distinct seed key, in order), certificates and roots from the fixture CA, keyless identities of
   * the fixture certificate, and the transparency log (and SCTs) off, since the fixtures are signed
   * offline. Everything else is the seed as written.
   */
  static String seedCopy(String text, String fixture) throws IOException {
    var yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
    StringBuilder out = new StringBuilder();
    Map<String, String> keys = new LinkedHashMap<>();
    try (var docs =
        yaml.readerFor(com.fasterxml.jackson.databind.JsonNode.class).readValues(text)) {
      while (docs.hasNext()) {
        com.fasterxml.jackson.databind.JsonNode doc =
            (com.fasterxml.jackson.databind.JsonNode) docs.next();
        rewrite(doc, fixture, keys);
        out.append(yaml.writeValueAsString(doc));
      }
    }
    return out.toString();
  }

  private static void rewrite(
      com.fasterxml.jackson.databind.JsonNode node, String fixture, Map<String, String> keys) {
    if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).isTextual()) {
          a.set(i, a.textNode(reference(a.get(i).asText(), fixture)));
        } else {
          rewrite(a.get(i), fixture, keys);
        }
      }
      return;
    }
    if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode o)) {
      return;
    }
    for (String field : listOf(o.fieldNames())) {
      com.fasterxml.jackson.databind.JsonNode v = o.get(field);
      String text = v.isTextual() ? v.asText() : null;
      if (text != null && text.contains("BEGIN PUBLIC KEY")) {
        o.put(
            field,
            "@PEM:" + keys.computeIfAbsent(text, k -> "k" + (keys.size() + 1) + ".pub") + "@");
      } else if (text != null && field.equals("cert")) {
        o.put(field, fixture.equals("notary") ? "@PEM:ca.crt@" : "@PEM:email.pem@");
      } else if (text != null && (field.equals("certChain") || field.equals("roots"))) {
        o.put(field, "@PEM:chain.pem@");
      } else if (text != null && (field.equals("image") || field.equals("repository"))) {
        o.put(field, reference(text, fixture));
      } else if (text != null && (field.equals("subject") || field.equals("issuer"))) {
        o.put(
            field,
            text.replace("nirmata.com", "example.test")
                .replace("https://accounts.google.com", "https://issuer.example.test"));
      } else {
        rewrite(v, fixture, keys);
      }
    }
    if (!fixture.equals("notary")) {
      for (String kind : List.of("keys", "certificates", "keyless")) {
        if (o.get(kind) instanceof com.fasterxml.jackson.databind.node.ObjectNode attestor) {
          attestor.withObject("/rekor").put("ignoreTlog", true);
          if (kind.equals("keyless") && !attestor.path("rekor").has("url")) {
            // Kyverno's validation wants a URL for keyless; with ignoreTlog it is never contacted
            attestor.withObject("/rekor").put("url", "https://rekor.sigstore.dev");
          }
          if (!kind.equals("keys")) {
            attestor.withObject("/ctlog").put("ignoreSCT", true);
          }
          if (kind.equals("keyless") && !attestor.has("roots")) {
            attestor.put("roots", "@PEM:chain.pem@"); // instead of the public-good Fulcio roots
          }
        }
      }
    }
  }

  private static <T> List<T> listOf(java.util.Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static String reference(String ref, String fixture) {
    for (Map.Entry<String, String> e : REFERENCES) {
      if (ref.startsWith(e.getKey())) {
        String r = e.getValue() + ref.substring(e.getKey().length());
        // the certificate fixture's images are certs:v2-email (and certs:v2-uri)
        return fixture.equals("keyless")
            ? r.replace("/app:v2-signed", "/certs:v2-email").replace("/app", "/certs")
            : r;
      }
    }
    return ref;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void seedPolicyConvertsToTheSameDecisions(String seed) throws IOException {
    String fixture = SEEDS.get(seed);
    SignedFixtures f = fixtures.get(fixture);
    assertThat(f).isNotNull();
    Path policy = work.resolve("seed-" + seed);
    Files.writeString(
        policy, render(seedCopy(Files.readString(SEED_DIR.resolve(seed)), fixture), f));
    Path resources = work.resolve("seed-" + fixture + "-resources.yaml");
    Files.writeString(
        resources,
        render(Files.readString(DIR.resolve("seeds").resolve(fixture + "-resources.yaml")), f));
    CliRunner.Run run = convertCheck(policy, resources, f.registry.host());
    List<String> expected = expected("seeds", seed);
    assertThat(expected)
        .as(seed + " in seeds/expected.txt; --check printed:\n" + run.out() + run.err())
        .isNotEmpty();
    assertThat(run.out())
        .as(Files.readString(policy) + run.err())
        .contains(expected)
        .containsPattern("convert --check: \\d+ resources, \\d+ images, no differences");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
  }

  /**
   * {@code imagegate convert --check} of a policy against resources, in a registry over plain HTTP.
   */
  private static CliRunner.Run convertCheck(Path policy, Path resources, String registry) {
    return CliRunner.run(
        "convert",
        "--check",
        "--policy",
        policy.toString(),
        "--resource",
        resources.toString(),
        "--insecure-registry",
        registry);
  }
}
