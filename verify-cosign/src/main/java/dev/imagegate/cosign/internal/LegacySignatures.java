package dev.imagegate.cosign.internal;

import dev.imagegate.base.Result;
import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.MediaTypes;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.PhaseTimings.Phase;
import dev.imagegate.verify.SignatureFinding;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Legacy cosign signatures: the {@code <alg>-<hex>.sig} manifest, one simple-signing layer per
 * signature; any layer that verifies is enough (cosign {@code verifyInternal} per layer). Signer,
 * log entry, timestamp and certificate checks are {@link LegacySigner}'s; the claims (digest,
 * annotations) are checked here.
 */
public final class LegacySignatures {
  static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

  /** Bounds: layers examined per manifest, bytes per payload. */
  static final int MAX_LAYERS = 64;

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
    Checked checked = new Checked();
    String tag = digest.tagForm() + ".sig";
    Optional<Manifest> sig = timings.time(Phase.DISCOVER, () -> repo.manifest(tag));
    if (sig.isEmpty() || !(sig.get().content() instanceof Manifest.ImageManifest m)) {
      return checked;
    }
    int index = 0;
    for (Descriptor layer : m.layers()) {
      String where = repo.name() + ":" + tag + " layer " + index;
      if (index++ == MAX_LAYERS) {
        checked.add(
            SignatureFinding.failed(
                where,
                "cosign",
                new Failure(
                    Failure.Code.MALFORMED,
                    "more than " + MAX_LAYERS + " signature layers; the rest were not examined")));
        break;
      }
      checked.add(verifyLayer(repo, layer, digest, where));
    }
    return checked;
  }

  private SignatureFinding verifyLayer(
      Repository repo, Descriptor layer, Digest digest, String where) throws RegistryException {
    String kind = "cosign simple signing";
    if (!MediaTypes.COSIGN_SIMPLESIGNING.equals(layer.mediaType())) {
      return SignatureFinding.failed(
          where,
          kind,
          new Failure(
              Failure.Code.MALFORMED,
              "layer media type is "
                  + layer.mediaType()
                  + ", expected "
                  + MediaTypes.COSIGN_SIMPLESIGNING));
    }
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
    byte[] payload = timings.time(Phase.FETCH, () -> repo.blob(layer, MAX_PAYLOAD_BYTES));
    LegacySigner.Result signer =
        this.signer.verify(
            new LegacySigner.Layer(
                payload, List.of(signature), sigB64, payload, signature, layer.annotations()));
    if (signer.failure() != null) {
      return SignatureFinding.failed(where, kind, signer.failure());
    }
    Result<SimpleSigningPayload> parsed = SimpleSigningPayload.parse(payload);
    if (!(parsed instanceof Result.Ok<SimpleSigningPayload>(SimpleSigningPayload simple))) {
      return SignatureFinding.failed(where, kind, SimpleSigningPayload.malformed(parsed));
    }
    Failure claims = simple.checkClaims(digest, req.annotations());
    if (claims != null) {
      return SignatureFinding.failed(where, kind, claims);
    }
    return SignatureFinding.ok(where, kind, Objects.requireNonNull(signer.signer()));
  }
}
