package dev.imagegate.notation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Drives {@code cases.json}: every case must reach its expected outcome at the fixed clock. */
class CasesJsonTest {
  private static final NotaryVerifier VERIFIER =
      NotaryVerifier.builder()
          .clock(Vectors.CLOCK)
          // Vectors are offline: no code-signing chain has OCSP/CRL URLs, and the GlobalSign TSA
          // chain of the
          // timestamp cases needs network, which the README says to stub as "good".
          .revocationChecker(RevocationChecker.assumeGood())
          .build();

  static Stream<Arguments> cases() {
    JsonNode all = Vectors.json("cases.json");
    return StreamSupport.stream(all.spliterator(), false)
        .map(c -> Arguments.of(c.get("id").asText(), c));
  }

  @Test
  void thereAre94Cases() {
    assertThat(Vectors.json("cases.json").size()).isEqualTo(94);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseReachesExpectedOutcome(String id, JsonNode c) {
    Outcome outcome = run(c);
    boolean expectValid = c.get("expect").asText().equals("valid");
    assertThat(outcome.valid()).as("%s: %s", id, outcome.detail()).isEqualTo(expectValid);
  }

  record Outcome(boolean valid, String detail) {}

  static Outcome run(JsonNode c) {
    String scope = c.get("scope").asText();
    JsonNode pe = c.get("payloadExpectations");
    TrustStore store = TrustStore.directory(Vectors.file(c.get("trustStoreRoot").asText()));
    byte[] envelope = Vectors.bytes(c.get("envelope").asText());
    String mediaType = c.get("mediaType").asText();
    try {
      NotaryResult result;
      switch (scope) {
        case "oci" -> {
          TrustPolicyDocument policy =
              TrustPolicyDocument.fromTree(
                  c.get("trustPolicy"), TrustPolicyDocument.Kind.OCI, "case");
          TargetArtifact target =
              new TargetArtifact(
                  pe.get("artifactReference").asText(),
                  descriptor(pe.get("targetDescriptor")),
                  strings(pe.get("userMetadata")));
          result = VERIFIER.verify(envelope, mediaType, target, policy, store);
        }
        case "blob" -> {
          TrustPolicyDocument policy =
              TrustPolicyDocument.fromTree(
                  c.get("trustPolicy"), TrustPolicyDocument.Kind.BLOB, "case");
          BlobArtifact blob =
              pe.hasNonNull("blobDescriptor")
                  ? new BlobArtifact(
                      null,
                      descriptor(pe.get("blobDescriptor")),
                      text(pe, "contentMediaType"),
                      text(pe, "trustPolicyName"),
                      strings(pe.get("userMetadata")))
                  : new BlobArtifact(
                      Vectors.bytes(pe.get("blob").asText()),
                      null,
                      text(pe, "contentMediaType"),
                      text(pe, "trustPolicyName"),
                      strings(pe.get("userMetadata")));
          result = VERIFIER.verifyBlob(envelope, mediaType, blob, policy, store);
        }
        case "step:authenticTimestamp" -> {
          return stepAuthenticTimestamp(c, envelope, mediaType, store);
        }
        default -> throw new IllegalArgumentException("unknown scope " + scope);
      }
      return new Outcome(
          result instanceof NotaryResult.Verified || result instanceof NotaryResult.Skipped,
          result.toString());
    } catch (NotationConfigException e) {
      return new Outcome(false, "config: " + e.getMessage());
    }
  }

  /**
   * Upstream asserts only the authentic-timestamp result for these envelopes: the other
   * policy-controlled checks are set to log (revocation of the signing chain to skip) so that only
   * that step decides.
   */
  private static Outcome stepAuthenticTimestamp(
      JsonNode c, byte[] envelope, String mediaType, TrustStore store) {
    ObjectNode policyTree = c.get("trustPolicy").deepCopy();
    for (JsonNode s : policyTree.get("trustPolicies")) {
      ObjectNode override = ((ObjectNode) s.get("signatureVerification")).putObject("override");
      override.put("authenticity", "log");
      override.put("expiry", "log");
      override.put("revocation", "skip");
    }
    TrustPolicyDocument policy =
        TrustPolicyDocument.fromTree(policyTree, TrustPolicyDocument.Kind.OCI, "case");
    ArtifactDescriptor signed =
        descriptor(c.get("payloadExpectations").get("signedTargetArtifact"));
    TargetArtifact target = new TargetArtifact("registry.example/step@" + signed.digest(), signed);
    NotaryResult result = VERIFIER.verify(envelope, mediaType, target, policy, store);
    boolean timestampFailed =
        result instanceof NotaryResult.Failed f && f.step() == VerificationStep.AUTHENTIC_TIMESTAMP
            || result.warnings().stream()
                .anyMatch(w -> w.step() == VerificationStep.AUTHENTIC_TIMESTAMP);
    if (result instanceof NotaryResult.Failed f
        && f.step() != VerificationStep.AUTHENTIC_TIMESTAMP) {
      return new Outcome(false, "failed before the step: " + f);
    }
    return new Outcome(!timestampFailed, result + " warnings=" + result.warnings());
  }

  static ArtifactDescriptor descriptor(JsonNode d) {
    return new ArtifactDescriptor(
        d.get("mediaType").asText(),
        d.get("digest").asText(),
        d.get("size").asLong(),
        strings(d.get("annotations")));
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> m = new HashMap<>();
    if (n != null && n.isObject()) {
      n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    }
    return m;
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }
}
