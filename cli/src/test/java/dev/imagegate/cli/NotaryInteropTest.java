package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.testkit.FixtureScript;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Images signed by the real notation ({@code fixtures/notary/make-fixtures.sh}: JWS and COSE,
 * generate-test and CA-issued keys, RFC 3161 timestamps from a loopback {@code openssl ts} TSA,
 * oras-attached attestations signed in turn) in a real registry. {@code imagegate verify} must
 * agree with {@code notation verify} for the same trust policy and store; {@code inspect} and
 * {@code discover} must print what {@code notation inspect} and {@code oras discover} do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotaryInteropTest {
  private static final Peers PEERS = Peers.installed();
  private LocalRegistry registry;
  private LocalTsa tsa;
  private Path out;
  private final Map<String, String> digests = new HashMap<>();
  private Map<String, String> env;

  @BeforeAll
  void signImages() throws IOException, InterruptedException {
    Prerequisites.peers("crane");
    Prerequisites.require(
        new ProcessBuilder("openssl", "version").start().waitFor() == 0,
        "openssl",
        "install it, e.g. apt-get install openssl");
    registry = LocalRegistry.start(PEERS);
    out = Files.createTempDirectory("notary-fixtures");
    Files.createDirectories(out.resolve("pki"));
    tsa = LocalTsa.start(out.resolve("pki"));
    FixtureScript.runWith(
        PEERS,
        "fixtures/notary/make-fixtures.sh",
        out.resolve("make-fixtures.log"),
        registry.host(),
        tsa.url(),
        out.toString());
    for (String line : Files.readAllLines(out.resolve("images.tsv"))) {
      String[] f = line.split("\t");
      digests.put(f[0], f[1]);
    }
    env =
        Map.of(
            "HOME", out.toString(), "XDG_CONFIG_HOME", out.resolve("xdg").toString(), "TZ", "UTC");
  }

  @AfterAll
  void stop() {
    if (tsa != null) {
      tsa.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private String image(String name) {
    return registry.host() + "/notary@" + digests.get(name);
  }

  private Path store() {
    return out.resolve("xdg/notation/truststore");
  }

  /** Trust policies by name; notation reads {@code $XDG_CONFIG_HOME/notation/trustpolicy.json}. */
  private static String policy(String name) {
    String statement =
        switch (name) {
          case "test" -> stmt("[\"*\"]", "strict", "\"ca:test\"", "\"*\"");
          case "interop" -> stmt("[\"*\"]", "strict", "\"ca:interop\"", "\"*\"");
          case "identity-match" ->
              stmt(
                  "[\"*\"]",
                  "strict",
                  "\"ca:interop\"",
                  "\"x509.subject: C=US, ST=WA, L=Seattle, O=imagegate, CN=interop signer\"");
          case "identity-mismatch" ->
              stmt(
                  "[\"*\"]",
                  "strict",
                  "\"ca:interop\"",
                  "\"x509.subject: C=US, ST=WA, O=other, CN=x\"");
          case "tsa" -> stmt("[\"*\"]", "strict", "\"ca:interop\", \"tsa:interop-tsa\"", "\"*\"");
          case "tsa-after-expiry" ->
              stmt(
                  "[\"*\"]",
                  "strict\", \"verifyTimestamp\": \"afterCertExpiry",
                  "\"ca:interop\", \"tsa:interop-tsa\"",
                  "\"*\"");
          case "audit" -> stmt("[\"*\"]", "audit", "\"ca:interop\"", "\"*\"");
          case "permissive" -> stmt("[\"*\"]", "permissive", "\"ca:interop\"", "\"*\"");
          case "other-scope" -> stmt("[\"example.com/other\"]", "strict", "\"ca:test\"", "\"*\"");
          case "skip" ->
              "{\"name\": \"p\", \"registryScopes\": [\"*\"], \"signatureVerification\": {\"level\": \"skip\"}}";
          default -> throw new IllegalArgumentException(name);
        };
    return "{\"version\": \"1.0\", \"trustPolicies\": [" + statement + "]}";
  }

  private static String stmt(String scopes, String level, String stores, String identities) {
    return "{\"name\": \"p\", \"registryScopes\": "
        + scopes
        + ", \"signatureVerification\": {\"level\": \""
        + level
        + "\"}, \"trustStores\": ["
        + stores
        + "], \"trustedIdentities\": ["
        + identities
        + "]}";
  }

  Stream<Arguments> cases() {
    List<Arguments> c = new ArrayList<>();
    c.add(Arguments.of("jws", "test", true));
    c.add(Arguments.of("cose", "test", true));
    c.add(Arguments.of("unsigned", "test", false));
    c.add(Arguments.of("jws", "interop", false));
    c.add(Arguments.of("ca", "interop", true));
    c.add(Arguments.of("ca-cose", "interop", true));
    c.add(Arguments.of("ca", "test", false));
    c.add(Arguments.of("ca", "identity-match", true));
    c.add(Arguments.of("ca", "identity-mismatch", false));
    c.add(Arguments.of("ca", "tsa", false));
    c.add(Arguments.of("ca-tsa", "tsa", true));
    c.add(Arguments.of("ca-tsa-cose", "tsa", true));
    c.add(Arguments.of("ca", "tsa-after-expiry", true));
    c.add(Arguments.of("jws", "audit", true));
    c.add(Arguments.of("jws", "permissive", false));
    c.add(Arguments.of("jws", "other-scope", false));
    c.add(Arguments.of("unsigned", "skip", true));
    c.add(Arguments.of("metadata", "interop", true));
    return c.stream();
  }

  @ParameterizedTest(name = "{0} with policy {1}")
  @MethodSource("cases")
  void agreesWithNotation(String name, String policyName, boolean expected) throws IOException {
    Path policy = out.resolve("xdg/notation/trustpolicy.json");
    Files.writeString(policy, policy(policyName));
    Peers.Result notation =
        PEERS.run(out, env, "notation", "verify", "--insecure-registry", image(name));
    CliRunner.Run ours =
        CliRunner.run(
            "verify",
            "--insecure-registry",
            registry.host(),
            "--trust-policy",
            policy.toString(),
            "--trust-store",
            store().toString(),
            image(name));
    assertThat(notation.exitCode() == 0)
        .as("notation verify:\n" + notation.stdout() + notation.stderr())
        .isEqualTo(expected);
    assertThat(ours.exitCode())
        .as("imagegate:\n" + ours.out() + ours.err())
        .isEqualTo(expected ? 0 : 1);
    if (name.equals("unsigned") && !expected) {
      assertThat(ours.out())
          .contains(
              "no signature is associated with \""
                  + image(name)
                  + "\", make sure the image was signed successfully");
    }
  }

  @Test
  void userMetadataIsShownByInspectAsNotationShowsIt() {
    for (String name : List.of("jws", "cose", "ca-tsa", "ca-tsa-cose", "metadata")) {
      Peers.Result notation =
          PEERS.runOk(out, env, "notation", "inspect", "--insecure-registry", image(name));
      CliRunner.Run ours =
          CliRunner.run("inspect", "--insecure-registry", registry.host(), image(name));
      assertThat(ours.exitCode()).isZero();
      // notation prints signed attributes in Go map order (varies run to run): compare depth and
      // label, sorted
      assertThat(sortedLabels(ours.out()))
          .as(name + ":\n" + ours.out())
          .isEqualTo(sortedLabels(notation.stdout()));
      assertThat(ours.out().lines().count()).isEqualTo(notation.stdout().lines().count());
    }
  }

  @Test
  void discoverPrintsTheOrasTree() throws IOException {
    Peers.Result oras =
        PEERS.runOk(
            out, env, "oras", "discover", "--plain-http", "--format", "tree", image("attested"));
    CliRunner.Run ours =
        CliRunner.run("discover", "--insecure-registry", registry.host(), image("attested"));
    assertThat(ours.exitCode()).isZero();
    assertThat(labels(ours.out()))
        .isEqualTo(labels(oras.stdout()))
        .contains("1 sbom/cyclone-dx", "3 application/vnd.cncf.notary.signature");
  }

  private static List<String> sortedLabels(String tree) {
    List<String> all = new ArrayList<>();
    for (String line : tree.split("\n")) {
      int i = 0;
      while (i < line.length() && "│├└─ \u00a0".indexOf(line.charAt(i)) >= 0) {
        i++;
      }
      all.add(i / 4 + " " + line.substring(i).strip());
    }
    all.sort(null);
    return all;
  }

  /** Tree labels with their depth, without oras's annotation nodes. */
  private static List<String> labels(String tree) {
    List<String> out = new ArrayList<>();
    for (String line : tree.split("\n")) {
      int i = 0;
      while (i < line.length() && "│├└─ \u00a0".indexOf(line.charAt(i)) >= 0) {
        i++;
      }
      String label = line.substring(i).strip();
      if (label.isEmpty() || label.startsWith("[annotations]") || label.contains(": ")) {
        continue;
      }
      out.add(i / 4 + " " + label);
    }
    return out;
  }

  @Test
  void notaryAttestationsAreVerifiedByTheirOwnSignatures() throws IOException {
    Path policy = out.resolve("interop-policy.json");
    Files.writeString(policy, policy("interop"));
    CliRunner.Run sbom =
        CliRunner.run(
            "verify",
            "--insecure-registry",
            registry.host(),
            "--trust-policy",
            policy.toString(),
            "--trust-store",
            store().toString(),
            "--type",
            "sbom/cyclone-dx",
            "-o",
            "json",
            image("attested"));
    assertThat(sbom.exitCode()).as(sbom.out() + sbom.err()).isZero();
    JsonNode att = JsonOutput.JSON.readTree(sbom.out()).get(0).get("attestations").get(0);
    assertThat(att.get("predicateType").asText()).isEqualTo("sbom/cyclone-dx");
    assertThat(att.at("/predicate/components/0/name").asText()).isEqualTo("openssl");
    CliRunner.Run unsigned =
        CliRunner.run(
            "verify",
            "--insecure-registry",
            registry.host(),
            "--trust-policy",
            policy.toString(),
            "--trust-store",
            store().toString(),
            "--type",
            "unsigned/report",
            image("attested"));
    assertThat(unsigned.exitCode()).isEqualTo(1);
    assertThat(unsigned.out()).contains("no signature is associated with");
    Files.writeString(policy, policy("test"));
    CliRunner.Run untrusted =
        CliRunner.run(
            "verify",
            "--insecure-registry",
            registry.host(),
            "--trust-policy",
            policy.toString(),
            "--trust-store",
            store().toString(),
            "--type",
            "sbom/cyclone-dx",
            image("attested"));
    assertThat(untrusted.exitCode()).isEqualTo(1);
    assertThat(untrusted.out()).contains("authenticity validation failed");
  }

  @Test
  void ratifyConfigGivesRatifyShapedReports() throws IOException {
    Path certs = Files.createDirectories(out.resolve("ratify-certs"));
    Files.copy(
        out.resolve("pki/ca-root.crt"),
        certs.resolve("ca-root.crt"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path config = out.resolve("ratify.json");
    Files.writeString(
        config,
        """
        {
          "store": {"version": "1.0.0", "plugins": [{"name": "oras",}]},
          "verifier": {"version": "1.0.0", "plugins": [{
            "name": "notation",
            "artifactTypes": "application/vnd.cncf.notary.signature",
            "verificationCerts": ["ratify-certs"],
            // comments and trailing commas appear in Ratify's documented sample
            "trustPolicyDoc": {"version": "1.0", "trustPolicies": [{"name": "default", "registryScopes": ["*"],
              "signatureVerification": {"level": "strict"}, "trustStores": ["ca:ca-certs"], "trustedIdentities": ["*"]}]}
          }]}
        }
        """);
    CliRunner.Run run =
        CliRunner.run(
            "verify",
            "--insecure-registry",
            registry.host(),
            "--verifier-config",
            config.toString(),
            "-o",
            "json",
            image("ca"),
            image("jws"));
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    JsonNode results = JsonOutput.JSON.readTree(run.out());
    JsonNode ok = results.get(0).get("ratify");
    assertThat(ok.get("isSuccess").asBoolean()).isTrue();
    JsonNode report = ok.get("verifierReports").get(0);
    assertThat(report.get("isSuccess").asBoolean()).isTrue();
    assertThat(report.get("message").asText()).isEqualTo("Notation signature verification success");
    assertThat(report.at("/extensions/SN").asText())
        .isEqualTo("CN=interop signer,O=imagegate,L=Seattle,ST=WA,C=US");
    assertThat(report.at("/extensions/Issuer").asText())
        .isEqualTo("CN=imagegate interop root,O=imagegate,L=Seattle,ST=WA,C=US");
    assertThat(report.get("subject").asText()).isEqualTo(image("ca"));
    JsonNode bad = results.get(1).get("ratify");
    assertThat(bad.get("isSuccess").asBoolean()).isFalse();
    assertThat(bad.at("/verifierReports/0/errorReason").asText())
        .contains("authenticity validation failed");
  }

  /**
   * Seed 001's SBOM licence rule: every component licence of the Notary-signed CycloneDX SBOM must
   * be allowed.
   */
  @Test
  void kyvernoSbomLicenceConditionOnANotarySignedAttestation() throws IOException {
    String cert = Files.readString(out.resolve("pki/ca-root.crt")).indent(24).stripTrailing();
    String template =
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata:
          name: sbom-licences
        spec:
          webhookConfiguration:
            failurePolicy: Fail
            timeoutSeconds: 30
          rules:
            - name: verify-attestation-notary
              match:
                any:
                  - resources:
                      kinds: [Pod]
              verifyImages:
                - type: Notary
                  imageReferences: ["HOST/notary*"]
                  failureAction: Enforce
                  attestations:
                    - type: sbom/cyclone-dx
                      attestors:
                        - entries:
                            - certificates:
                                cert: |-
        @@CERT@@
                      conditions:
                        - all:
                            - key: '{{ components[].licenses[].expression }}'
                              operator: AllIn
                              value: [ALLOWED]
        """
            .replace("HOST", registry.host())
            .replace("@@CERT@@", cert.indent(4).stripTrailing());
    Path r = out.resolve("sbom-pod.yaml");
    Files.writeString(
        r,
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: sbom, namespace: default}
        spec:
          containers: [{name: app, image: IMAGE}]
        """
            .replace("IMAGE", image("attested")));
    for (String allowed : List.of("'GPL-3.0'", "'MIT'")) {
      Path p = out.resolve("sbom-policy.yaml");
      Files.writeString(p, template.replace("ALLOWED", allowed));
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
      JsonNode result = JsonOutput.JSON.readTree(run.out()).get("results").get(0);
      if (allowed.contains("GPL")) {
        assertThat(result.get("status").asText()).as(run.out() + run.err()).isEqualTo("pass");
        assertThat(run.exitCode()).isZero();
      } else {
        assertThat(result.get("status").asText()).as(run.out()).isEqualTo("fail");
        assertThat(result.get("message").asText())
            .contains("sbom/cyclone-dx")
            .contains("attestation checks failed for");
        assertThat(run.exitCode()).isEqualTo(1);
      }
    }
  }

  @Test
  void kyvernoNotaryPolicyVerifiesSignaturesAndAttestationConditions() throws IOException {
    String cert = Files.readString(out.resolve("pki/ca-root.crt")).indent(24).stripTrailing();
    String policy =
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata:
          name: notary
        spec:
          validationFailureAction: Enforce
          rules:
            - name: verify-attestation-notary
              match:
                any:
                  - resources:
                      kinds: [Pod]
              verifyImages:
                - type: Notary
                  imageReferences: ["HOST/notary*"]
                  attestors:
                    - count: 1
                      entries:
                        - certificates:
                            cert: |-
        @@CERT_SIG@@
                  attestations:
                    - type: trivy/vulnerability
                      name: trivy
                      attestors:
                        - entries:
                            - certificates:
                                cert: |-
        @@CERT_ATT@@
                    - type: vex/cyclone-dx
                      name: vex
                      attestors:
                        - entries:
                            - certificates:
                                cert: |-
        @@CERT_ATT@@
                  validate:
                    deny:
                      conditions:
                        any:
                          - key: "{{ trivy.Vulnerabilities[*].VulnerabilityID }}"
                            operator: AnyNotIn
                            value: "{{ vex.vulnerabilities[*].id }}"
                    message: All vulnerabilities in trivy and vex should be same
        """
            .replace("HOST", registry.host())
            .replace("@@CERT_ATT@@", cert.indent(4).stripTrailing())
            .replace("@@CERT_SIG@@", cert);
    StringBuilder pods = new StringBuilder();
    for (String name : List.of("attested", "attested-partial", "unsigned")) {
      pods.append(
          """
          apiVersion: v1
          kind: Pod
          metadata:
            name: NAME
            namespace: default
          spec:
            containers:
              - name: app
                image: IMAGE
          ---
          """
              .replace("NAME", name)
              .replace("IMAGE", image(name)));
    }
    Path p = out.resolve("kyverno-policy.yaml");
    Path r = out.resolve("pods.yaml");
    Files.writeString(p, policy);
    Files.writeString(r, pods.toString());
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
    assertThat(run.out()).as(run.err()).contains("\"results\"");
    JsonNode doc = JsonOutput.JSON.readTree(run.out());
    Map<String, JsonNode> byPod = new HashMap<>();
    for (JsonNode n : doc.get("results")) {
      byPod.put(n.get("resource").asText(), n);
    }
    assertThat(byPod).as(run.out() + run.err()).hasSize(3);
    assertThat(status(byPod, "attested")).as(run.out()).isEqualTo("pass");
    assertThat(status(byPod, "attested-partial")).as(run.out()).isEqualTo("fail");
    assertThat(message(byPod, "attested-partial"))
        .contains("All vulnerabilities in trivy and vex should be same");
    assertThat(status(byPod, "unsigned")).as(run.out()).isEqualTo("fail");
    assertThat(message(byPod, "unsigned")).contains("no signature is associated with");
  }

  private static String status(Map<String, JsonNode> byPod, String pod) {
    return byPod.entrySet().stream()
        .filter(e -> e.getKey().endsWith("/" + pod))
        .findFirst()
        .orElseThrow()
        .getValue()
        .get("status")
        .asText();
  }

  private static String message(Map<String, JsonNode> byPod, String pod) {
    return byPod.entrySet().stream()
        .filter(e -> e.getKey().endsWith("/" + pod))
        .findFirst()
        .orElseThrow()
        .getValue()
        .get("message")
        .asText();
  }
}
