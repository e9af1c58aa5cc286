package dev.imagegate.cosign.internal;

import dev.imagegate.base.Result;
import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.PhaseTimings.Phase;
import dev.imagegate.verify.SignatureFinding;
import java.util.Base64;
import java.util.List;

/**
 * Legacy cosign signatures: the {@code <alg>-<hex>.sig} manifest, one simple-signing layer per
 * signature; any layer that verifies is enough (cosign {@code verifyInternal} per layer). Signer,
 * log entry, timestamp and certificate checks are {@link LegacySigner}'s; the claims (digest,
 * annotations) are checked here.
 */
public final class LegacySignatures {
  static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

  /** Bound on bytes per payload (layers per manifest: {@link LegacyTagManifest#MAX_LAYERS}). */
  static final long MAX_PAYLOAD_BYTES = 1L << 20;

  private final CosignRequirements req;
  private final LegacySigner signer;
  private final PhaseTimings timings;

  public LegacySignatures(CosignRequirements req, KeyMatcher keys, PhaseTimings timings) {
    this.req = req;
    this.signer = new LegacySigner(req, keys, timings);
    this.timings = timings;
  }

  /** Examines every layer of the {@code .sig} manifest for {@code digest} in {@code repo}. */
  public Checked verify(Repository repo, Digest digest) throws RegistryException {
    return LegacyTagManifest.examine(
        repo,
        digest,
        LegacyTagManifest.Kind.SIGNATURES,
        timings,
        (layer, where, checked) -> checked.add(verifyLayer(repo, layer, digest, where)));
  }

  private SignatureFinding verifyLayer(
      Repository repo, Descriptor layer, Digest digest, String where) throws RegistryException {
    String kind = LegacyTagManifest.Kind.SIGNATURES.layerFinding();
    String sigB64 = layer.annotations().get(SIGNATURE_ANNOTATION);
    if (sigB64 == null) {
      return SignatureFinding.failed(
          where,
          kind,
          new Failure(
              Failure.Code.MALFORMED, "layer has no " + SIGNATURE_ANNOTATION + " annotation"));
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(sigB64);
    } catch (IllegalArgumentException e) {
      return SignatureFinding.failed(
          where, kind, new Failure(Failure.Code.MALFORMED, "signature annotation is not base64"));
    }
    // cosign's own payload is predicted from the digest the layer commits to: one registry
    // request fewer on the cold path (PredictedPayload says why that is exact).
    byte[] predicted = PredictedPayload.match(layer, repo.name(), digest).orElse(null);
    byte[] payload =
        predicted != null
            ? predicted
            : timings.time(Phase.FETCH, () -> repo.blob(layer, MAX_PAYLOAD_BYTES));
    String signer;
    switch (this.signer.verify(
        new LegacySigner.Layer(
            payload, List.of(signature), sigB64, payload, signature, layer.annotations()))) {
      case Verdict.Ok<String>(String who) -> signer = who;
      case Verdict.Err<String>(Failure failure) -> {
        return SignatureFinding.failed(where, kind, failure);
      }
    }
    Result<SimpleSigningPayload> parsed = SimpleSigningPayload.parse(payload);
    if (!(parsed instanceof Result.Ok<SimpleSigningPayload>(SimpleSigningPayload simple))) {
      return SignatureFinding.failed(where, kind, SimpleSigningPayload.malformed(parsed));
    }
    Failure claims = simple.checkClaims(digest, req.annotations());
    if (claims != null) {
      return SignatureFinding.failed(where, kind, claims);
    }
    return SignatureFinding.ok(where, kind, signer);
  }
}
