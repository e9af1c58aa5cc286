package dev.imagegate.cosign.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.oci.Digest;
import dev.imagegate.verify.Failure;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The simple-signing payload of a legacy cosign signature, parsed from the exact verified bytes
 * (never re-serialised). Only the claims cosign's {@code SimpleClaimVerifier} checks are read: the
 * manifest digest and the optional annotations; {@code docker-reference} is ignored, as cosign
 * ignores it.
 */
public record SimpleSigningPayload(String manifestDigest, @Nullable JsonNode optional) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Parses the payload; a null result means it is not a simple-signing document (reason in the
   * failure).
   */
  public static Parsed parse(byte[] payload) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      return new Parsed(
          null,
          new Failure(
              Failure.Code.MALFORMED,
              "payload is not JSON: "
                  + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
    }
    JsonNode digest =
        root == null ? null : root.path("critical").path("image").get("docker-manifest-digest");
    if (digest == null || !digest.isTextual()) {
      return new Parsed(
          null,
          new Failure(
              Failure.Code.MALFORMED, "payload has no critical.image.docker-manifest-digest"));
    }
    return new Parsed(new SimpleSigningPayload(digest.asText(), root.get("optional")), null);
  }

  /** Result of {@link #parse}: exactly one of the two is set. */
  public record Parsed(@Nullable SimpleSigningPayload payload, @Nullable Failure failure) {}

  /**
   * cosign's claim check: digest equality (full {@code alg:hex} string), then annotations as a
   * subset.
   */
  public @Nullable Failure checkClaims(Digest imageDigest, Map<String, String> required) {
    if (!manifestDigest.equals(imageDigest.toString())) {
      return new Failure(
          Failure.Code.DIGEST_MISMATCH,
          "payload digest " + manifestDigest + " != image digest " + imageDigest);
    }
    return Annotations.check(required, optional, "signature payload");
  }
}
