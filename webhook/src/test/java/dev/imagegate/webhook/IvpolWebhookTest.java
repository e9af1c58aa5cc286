package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.ivpol.ResourceLookup;
import dev.imagegate.testkit.IvpolYaml;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.NotaryFixtureImages;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import dev.imagegate.webhook.internal.EngineFactories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageValidatingPolicies through the real webhook (HTTPS, AdmissionReview) with the production
 * engine factory, against images signed by the real notation in a local registry: Notary signature,
 * signed SBOM referrer with extractPayload, mutateDigest, Warn, a forged outcome annotation, and a
 * policy document imagegate cannot enforce.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IvpolWebhookTest {
  static final Peers PEERS = Peers.installed();
  @TempDir static Path work;
  LocalRegistry registry;
  final Map<String, String> images = new HashMap<>();
  String ca;

  @BeforeAll
  void sign() throws Exception {
    Prerequisites.peers("crane");
    registry = LocalRegistry.start(PEERS);
    NotaryFixtureImages notary =
        NotaryFixtureImages.make(PEERS, registry.host(), work.resolve("notary"));
    images.putAll(notary.images());
    ca = notary.caIndented(12);
  }

  @AfterAll
  void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  /** A Pod policy with the notary attestor of the fixtures' CA and {@code extra} in its spec. */
  String policy(String name, String extra) {
    return IvpolYaml.forPods(
        name,
        "CREATE, UPDATE",
        """
        %s
          matchImageReferences:
          - glob: "%s/*"
          attestors:
          - name: notary
            notary:
              certs:
                value: |-
        %s
          attestations:
          - name: sbom
            referrer:
              type: sbom/cyclone-dx
          validations:
          - expression: >-
              images.containers.map(image, verifyImageSignatures(image, [attestors.notary])).all(e, e > 0)
            message: failed to verify image with notary cert
          - expression: >-
              images.containers.map(image, verifyAttestationSignatures(image, attestations.sbom, [attestors.notary])).all(e, e > 0)
            message: failed to verify attestation with notary cert
          - expression: >-
              images.containers.map(image, extractPayload(image, attestations.sbom).bomFormat == 'CycloneDX').all(e, e)
            message: sbom is not a CycloneDX document
        """
            .formatted(extra, registry.host(), ca));
  }

  PolicyEngine engine(String... documents) throws Exception {
    Path file =
        work.resolve("policies-" + documents.length + "-" + documents[0].hashCode() + ".yaml");
    Files.writeString(file, String.join("\n---\n", documents));
    PolicySet set =
        new PolicySet(
            "v1",
            List.of(new PolicyDocument(file.toString(), file, Files.readString(file))),
            Map.of());
    return EngineFactories.real()
        .create(
            set,
            new EngineSettings(
                List.of(registry.host()),
                null,
                PullSecretResolver.none(),
                Duration.ofSeconds(20),
                Files.createDirectories(work.resolve("engine")),
                ResourceLookup.none()));
  }

  @Test
  void notarySignatureAndSignedSbomReferrer() throws Exception {
    try (WebhookFixture webhook =
        new WebhookFixture(
            work, engine(policy("notary-check", "")), Duration.ofSeconds(20), FailurePolicy.FAIL)) {
      JsonNode ok =
          webhook.review("/validate", Reviews.create("u1", Reviews.pod("a", images.get("signed"))));
      assertThat(ok.path("allowed").asBoolean()).as(ok.toString()).isTrue();
      JsonNode no =
          webhook.review(
              "/validate", Reviews.create("u2", Reviews.pod("b", images.get("unsigned"))));
      assertThat(no.path("allowed").asBoolean()).isFalse();
      assertThat(no.at("/status/message").asText())
          .contains("Policy notary-check failed: failed to verify image with notary cert");
      JsonNode sbom =
          webhook.review(
              "/validate", Reviews.create("u3", Reviews.pod("c", images.get("sbom-unsigned"))));
      assertThat(sbom.at("/status/message").asText())
          .contains("Policy notary-check failed: failed to verify attestation with notary cert");
      // A forged outcome annotation is not trusted.
      ObjectNode forged = Reviews.pod("d", images.get("unsigned"));
      ((ObjectNode) forged.path("metadata"))
          .putObject("annotations")
          .put(
              "kyverno.io/image-verification-outcomes",
              "{\"" + images.get("unsigned") + "\":\"pass\"}");
      assertThat(
              webhook.review("/validate", Reviews.create("u4", forged)).path("allowed").asBoolean())
          .isFalse();
    }
  }

  @Test
  void mutatePinsTheDigestAndWarnAdmitsWithAWarning() throws Exception {
    String signed = images.get("signed");
    String tagOnly = signed.substring(0, signed.indexOf('@'));
    try (WebhookFixture webhook =
        new WebhookFixture(
            work,
            engine(policy("warn-check", "  validationActions: [Warn]")),
            Duration.ofSeconds(20),
            FailurePolicy.FAIL)) {
      JsonNode mutated = webhook.review("/mutate", Reviews.create("m1", Reviews.pod("a", tagOnly)));
      assertThat(mutated.path("allowed").asBoolean()).as(mutated.toString()).isTrue();
      JsonNode patch =
          Reviews.JSON.readTree(Base64.getDecoder().decode(mutated.path("patch").asText()));
      assertThat(patch.get(0).path("path").asText()).isEqualTo("/spec/containers/0/image");
      assertThat(patch.get(0).path("value").asText()).isEqualTo(signed);
      JsonNode warned =
          webhook.review(
              "/validate", Reviews.create("w1", Reviews.pod("b", images.get("unsigned"))));
      assertThat(warned.path("allowed").asBoolean()).isTrue();
      assertThat(warned.path("warnings").toString())
          .contains("Policy warn-check failed: failed to verify image with notary cert");
    }
  }

  /** An UPDATE of {@code pod} through the {@code pods/ephemeralcontainers} subresource. */
  static ObjectNode ephemeralUpdate(String uid, ObjectNode pod) {
    ObjectNode review = Reviews.review(uid, "UPDATE", pod, pod.deepCopy(), false);
    ((ObjectNode) review.path("request")).put("subResource", "ephemeralcontainers");
    return review;
  }

  @Test
  void aPolicyNamingOnlyTheEphemeralContainersSubresourceVerifiesItsUpdates() throws Exception {
    // Before: the subresource never reached the engine, such a policy matched nothing, and the
    // unsigned ephemeral container was admitted.
    String onlySub =
        policy("ephemeral-only", "")
            .replace("resources: [pods]", "resources: [pods/ephemeralcontainers]")
            .replace(
                "images.containers.map(image, verifyImageSignatures",
                "(images.containers + images.ephemeralContainers).map(image, verifyImageSignatures");
    try (WebhookFixture webhook =
        new WebhookFixture(work, engine(onlySub), Duration.ofSeconds(20), FailurePolicy.FAIL)) {
      ObjectNode pod = Reviews.pod("e", images.get("signed"));
      ((ObjectNode) pod.path("spec"))
          .putArray("ephemeralContainers")
          .addObject()
          .put("name", "debug")
          .put("image", images.get("unsigned"));
      JsonNode denied = webhook.review("/validate", ephemeralUpdate("e1", pod));
      assertThat(denied.path("allowed").asBoolean()).as(denied.toString()).isFalse();
      assertThat(denied.at("/status/message").asText()).contains("Policy ephemeral-only failed");
      // The same Pod created directly is not this policy's business (the API server reads the rule
      // the same way).
      assertThat(webhook.review("/validate", Reviews.create("e2", pod)).path("allowed").asBoolean())
          .isTrue();
    }
    // A plain pods rule also covers the subresource's updates (stricter than Kyverno).
    try (WebhookFixture webhook =
        new WebhookFixture(
            work, engine(policy("pods-too", "")), Duration.ofSeconds(20), FailurePolicy.FAIL)) {
      ObjectNode pod = Reviews.pod("f", images.get("unsigned"));
      assertThat(
              webhook.review("/validate", ephemeralUpdate("f1", pod)).path("allowed").asBoolean())
          .isFalse();
    }
  }

  @Test
  void documentsImagegateCannotEnforceKeepTheServerUnready() {
    assertThatThrownBy(
            () ->
                engine(
                    """
                    apiVersion: policies.kyverno.io/v1
                    kind: ValidatingPolicy
                    metadata: {name: other}
                    spec: {}
                    """))
        .hasMessageContaining("ValidatingPolicy (policies.kyverno.io/v1) is not supported");
  }
}
