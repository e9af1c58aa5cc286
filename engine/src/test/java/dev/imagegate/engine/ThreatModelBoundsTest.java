package dev.imagegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bounds of docs/security.md's threat model that hold in the engine, through the production engine
 * ({@link PolicyEngines#create}): a bound that is hit fails closed with a reason, it never lets the
 * rest go unchecked.
 */
class ThreatModelBoundsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PINNED = "ghcr.io/acme/app@sha256:" + "a".repeat(64);

  private static PolicyEngine engine(String verifyImage) {
    String text =
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: bounded}
        spec:
          validationFailureAction: Enforce
          rules:
          - name: r
            match: {any: [{resources: {kinds: [Pod]}}]}
            verifyImages:
            - %s
        """
            .formatted(verifyImage);
    return PolicyEngines.create(
        PolicyLoader.parse(text, "bounded.yaml"), List.of(), EngineConfig.defaults());
  }

  private static Decision decide(PolicyEngine engine, List<String> images) {
    ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    pod.putObject("metadata").put("name", "web").put("namespace", "team");
    ArrayNode containers = pod.putObject("spec").putArray("containers");
    for (int i = 0; i < images.size(); i++) {
      containers.addObject().put("name", "c" + i).put("image", images.get(i));
    }
    return engine.evaluate(
        ResourceRequest.create(pod, "team"), AdmissionPhase.BOTH, Instant.now().plusSeconds(60));
  }

  /**
   * 10,000 images per object (ImageExtraction): one more is a rule error, never a silent cut that
   * would leave the last image (here a tag Kyverno's verifyDigest refuses) unverified.
   */
  @Test
  void imagesBeyondTheBoundPerObjectFailTheRule() {
    try (PolicyEngine engine =
        engine("{imageReferences: [\"*\"], mutateDigest: false, required: false}")) {
      List<String> images =
          new java.util.ArrayList<>(java.util.Collections.nCopies(10_000, PINNED));
      assertThat(decide(engine, images).allowed()).isTrue();

      images.add("ghcr.io/acme/unsigned:latest");
      Decision d = decide(engine, images);
      assertThat(d.allowed()).isFalse();
      assertThat(d.results())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.status()).isEqualTo(RuleStatus.ERROR);
                assertThat(r.message())
                    .contains(
                        "more than 10000 images in the object; imagegate verifies at most 10000");
              });
    }
  }

  /**
   * Attestor sets nest 4 deep (AttestorSetEvaluator): a fifth level is an error before any
   * verification, at every depth of a rule.
   */
  @Test
  void attestorsNestedDeeperThanTheBoundAreAnError() throws Exception {
    String leaf = "{keys: {rekor: {ignoreTlog: true}, publicKeys: \"" + publicKeyPem() + "\"}}";
    for (int levels : new int[] {4, 5}) {
      String entry = leaf;
      for (int i = 0; i < levels; i++) {
        entry = "{attestor: {entries: [" + entry + "]}}";
      }
      // A registry nobody listens on: the 4-level policy reaches verification and fails there.
      String image = "127.0.0.1:1/app@sha256:" + "b".repeat(64);
      try (PolicyEngine engine =
          engine(
              "{imageReferences: [\"127.0.0.1:1/*\"], mutateDigest: false, attestors: [{entries: ["
                  + entry
                  + "]}]}")) {
        Decision d = decide(engine, List.of(image));
        assertThat(d.allowed()).isFalse();
        RuleResult r = d.results().getFirst();
        if (levels == 4) {
          assertThat(r.message()).doesNotContain("nested deeper");
        } else {
          assertThat(r.status()).isEqualTo(RuleStatus.ERROR);
          assertThat(r.message())
              .contains(
                  ".attestors[0].entries[0].attestor.entries[0].attestor.entries[0].attestor"
                      + ".entries[0].attestor.entries[0].attestor: attestors nested deeper than"
                      + " 4");
        }
      }
    }
  }

  private static String publicKeyPem() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----";
    return pem.replace("\n", "\\n"); // inside a double-quoted YAML string
  }
}
