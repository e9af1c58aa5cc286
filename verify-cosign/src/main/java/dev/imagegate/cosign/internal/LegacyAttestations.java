package dev.imagegate.cosign.internal;

import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.MediaTypes;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import dev.imagegate.trust.Dsse;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.PhaseTimings.Phase;
import dev.imagegate.verify.ProofIssuer;
import dev.imagegate.verify.SignatureFinding;
import java.util.Objects;
import java.util.Optional;

/**
 * Legacy cosign attestations: the {@code <alg>-<hex>.att} manifest, one DSSE envelope per layer.
 */
public final class LegacyAttestations {
  /** Attestations carry SBOMs and scan reports, so they get a larger bound than signatures. */
  static final long MAX_ENVELOPE_BYTES = 16L << 20;

  private final CosignRequirements req;
  private final LegacySigner signer;
  private final PhaseTimings timings;
  private final ProofIssuer issuer;

  public LegacyAttestations(
      CosignRequirements req, KeyMatcher keys, PhaseTimings timings, ProofIssuer issuer) {
    this.issuer = issuer;
    this.req = req;
    this.signer = new LegacySigner(req, keys, timings);
    this.timings = timings;
  }

  public Checked verify(Repository repo, Digest digest) throws RegistryException {
    Checked checked = new Checked();
    String tag = digest.tagForm() + ".att";
    Optional<Manifest> att = timings.time(Phase.DISCOVER, () -> repo.manifest(tag));
    if (att.isEmpty() || !(att.get().content() instanceof Manifest.ImageManifest m)) {
      return checked;
    }
    int index = 0;
    for (Descriptor layer : m.layers()) {
      String where = repo.name() + ":" + tag + " layer " + index;
      if (index++ == LegacySignatures.MAX_LAYERS) {
        checked.add(
            SignatureFinding.failed(
                where,
                "cosign attestation",
                new Failure(
                    Failure.Code.MALFORMED,
                    "more than "
                        + LegacySignatures.MAX_LAYERS
                        + " attestation layers; the rest were not examined")));
        break;
      }
      verifyLayer(repo, layer, digest, where, checked);
    }
    return checked;
  }

  private void verifyLayer(
      Repository repo, Descriptor layer, Digest digest, String where, Checked checked)
      throws RegistryException {
    String kind = "cosign attestation";
    if (!MediaTypes.DSSE_ENVELOPE.equals(layer.mediaType())) {
      checked.add(
          SignatureFinding.failed(
              where,
              kind,
              new Failure(
                  Failure.Code.MALFORMED,
                  "layer media type is "
                      + layer.mediaType()
                      + ", expected "
                      + MediaTypes.DSSE_ENVELOPE)));
      return;
    }
    // The layer annotation names the predicate type; skip the download when it cannot match.
    String annotated = layer.annotations().get("predicateType");
    if (annotated != null && !req.wantsPredicate(annotated)) {
      checked.add(
          SignatureFinding.failed(
              where,
              kind,
              new Failure(
                  Failure.Code.PREDICATE_TYPE_MISMATCH,
                  "predicate type is " + annotated + ", expected " + req.predicateType())));
      return;
    }
    byte[] blob = timings.time(Phase.FETCH, () -> repo.blob(layer, MAX_ENVELOPE_BYTES));
    Dsse.Envelope envelope;
    try {
      envelope = Dsse.parse(blob);
    } catch (IllegalArgumentException e) {
      checked.add(
          SignatureFinding.failed(
              where, kind, new Failure(Failure.Code.MALFORMED, String.valueOf(e.getMessage()))));
      return;
    }
    String sigAnnotation =
        layer.annotations().getOrDefault(LegacySignatures.SIGNATURE_ANNOTATION, "");
    LegacySigner.Result who =
        signer.verify(
            new LegacySigner.Layer(
                envelope.pae(),
                envelope.signatures().stream().map(Dsse.Sig::sig).toList(),
                sigAnnotation,
                blob,
                blob,
                layer.annotations()));
    if (who.failure() != null) {
      checked.add(SignatureFinding.failed(where, kind, who.failure()));
      return;
    }
    DsseStatements.Result r = DsseStatements.check(envelope, digest, req);
    if (r.failure() != null) {
      checked.add(SignatureFinding.failed(where, kind, r.failure()));
      return;
    }
    // results without a failure carry their values
    InTotoStatement s = Objects.requireNonNull(r.statement());
    String signerName = Objects.requireNonNull(who.signer());
    checked.add(
        SignatureFinding.ok(where, kind, signerName),
        issuer.attestation(s.predicateType(), s.predicate(), s.root(), signerName));
  }
}
