package dev.imagegate.sigstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.trust.PublicKeys;
import dev.imagegate.trust.TrustMaterialException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code kind: bundle} case of {@code cases.json}, with the artifact bytes and with the
 * artifact digest where the case gives them. The expectation must hold in each variant, except
 * where a digest cannot apply (see {@link #DIGEST_NOT_APPLICABLE}).
 */
class BundleVectorsTest {
  /** Fixed "now" for the rare path that needs one; no bundle case depends on it. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-09-01T00:00:00Z"), ZoneOffset.UTC);

  /**
   * Message signatures made with SHA-384/512 (sigstore-java's P-384/P-521 bundles): the case's
   * sha256 digest of the artifact cannot be tied to the signed SHA-384/512 digest, so the digest
   * variant must fail with a clear reason.
   */
  static final List<String> DIGEST_NOT_APPLICABLE =
      List.of("java-PKIX_ECDSA_P384_SHA_384", "java-PKIX_ECDSA_P521_SHA_512");

  static Stream<Arguments> variants() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : Vectors.cases("bundle")) {
      String id = c.get("id").asText();
      boolean any = false;
      if (c.hasNonNull("artifact")) {
        out.add(Arguments.of(id + " [bytes]", c, "bytes"));
        any = true;
      }
      if (c.hasNonNull("artifactDigest")) {
        out.add(Arguments.of(id + " [digest]", c, "digest"));
        any = true;
      }
      if (!any) {
        out.add(Arguments.of(id + " [no artifact]", c, "none"));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void bundleCase(String name, JsonNode c, String variant) {
    BundleVerification result = run(c, variant);
    String id = c.get("id").asText();
    boolean expectValid = c.get("expect").asText().equals("valid");
    if (variant.equals("digest") && DIGEST_NOT_APPLICABLE.contains(id)) {
      assertThat(result).isInstanceOf(BundleVerification.Failed.class);
      assertThat(((BundleVerification.Failed) result).reasons().get(0))
          .contains("give the artifact bytes or its sha");
      return;
    }
    assertThat(result.isVerified())
        .as("%s expected %s; got %s", name, c.get("expect").asText(), result)
        .isEqualTo(expectValid);
  }

  @Test
  void everyBundleCaseIsCovered() {
    assertThat(Vectors.cases("bundle")).hasSize(108);
  }

  static BundleVerification run(JsonNode c, String variant) {
    TrustedRoot trust;
    try {
      trust = Vectors.trustedRoot(c.get("trustedRoot").asText());
    } catch (TrustMaterialException e) {
      return new BundleVerification.Failed(List.of("trusted root rejected: " + e.getMessage()));
    }
    JsonNode p = c.path("policy");
    VerificationPolicy.Builder policy =
        VerificationPolicy.builder(trust)
            .identities(Vectors.identities(c))
            .requireTlog(p.path("requireTlog").asBoolean(true))
            .requireSct(p.path("requireSCT").asBoolean(true))
            .requireTimestamp(p.path("requireTimestamp").asBoolean(false))
            .clock(CLOCK);
    if (c.hasNonNull("publicKey")) {
      try {
        policy.publicKey(PublicKeys.parse(Vectors.text(c.get("publicKey").asText())));
      } catch (TrustMaterialException e) {
        return new BundleVerification.Failed(List.of("public key rejected: " + e.getMessage()));
      }
    }
    byte[] json = Vectors.bytes(c.get("bundle").asText());
    SigstoreBundle bundle;
    try {
      bundle = SigstoreBundle.parse(json);
    } catch (BundleFormatException e) {
      return new BundleVerification.Failed(List.of(e.getMessage()));
    }
    return switch (variant) {
      case "bytes" ->
          BundleVerifier.verify(
              bundle, Artifact.of(Vectors.bytes(c.get("artifact").asText())), policy.build());
      case "digest" ->
          BundleVerifier.verify(
              bundle, Artifact.ofDigest(c.get("artifactDigest").asText()), policy.build());
      default -> BundleVerifier.verifyWithoutArtifact(bundle, policy.build());
    };
  }
}
