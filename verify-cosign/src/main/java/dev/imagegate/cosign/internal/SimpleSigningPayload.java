package dev.imagegate.cosign.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.base.Result;
import dev.imagegate.base.UntrustedJson;
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
  private static final ObjectMapper JSON = UntrustedJson.mapper();

  /**
   * Parses the payload; a failure means it is not a simple-signing document (the reason says why;
   * it is always a {@link Failure.Code#MALFORMED} payload).
   */
  public static Result<SimpleSigningPayload> parse(byte[] payload) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      return Result.err("payload is not JSON: " + firstLine(e.getMessage()));
    }
    JsonNode digest =
        root == null ? null : root.path("critical").path("image").get("docker-manifest-digest");
    if (root == null || digest == null || !digest.isTextual()) {
      return Result.err("payload has no critical.image.docker-manifest-digest");
    }
    return Result.ok(new SimpleSigningPayload(digest.asText(), root.get("optional")));
  }

  /** The failure a refused payload gives a signature. */
  public static Failure malformed(Result<SimpleSigningPayload> refused) {
    return new Failure(Failure.Code.MALFORMED, refused.reason());
  }

  private static String firstLine(@Nullable String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

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
