package dev.imagegate.cosign.internal;

import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import dev.imagegate.trust.Dsse;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.PhaseTimings.Phase;
import dev.imagegate.verify.ProofIssuer;

/**
 * Legacy cosign attestations: the {@code <alg>-<hex>.att} manifest, one DSSE envelope per layer.
 */
public final class LegacyAttestations extends DsseAttestationSource {
  /** Attestations carry SBOMs and scan reports, so they get a larger bound than signatures. */
  static final long MAX_ENVELOPE_BYTES = 16L << 20;

  private final LegacySigner signer;

  public LegacyAttestations(
      CosignRequirements req, KeyMatcher keys, PhaseTimings timings, ProofIssuer issuer) {
    super(req, timings, issuer);
    this.signer = new LegacySigner(req, keys, timings);
  }

  @Override
  public Checked verify(Repository repo, Digest digest) throws RegistryException {
    return LegacyTagManifest.examine(
        repo,
        digest,
        LegacyTagManifest.Kind.ATTESTATIONS,
        timings,
        (layer, where, checked) -> verifyLayer(repo, layer, digest, where, checked));
  }

  private void verifyLayer(
      Repository repo, Descriptor layer, Digest digest, String where, Checked checked)
      throws RegistryException {
    String kind = LegacyTagManifest.Kind.ATTESTATIONS.layerFinding();
    // The layer annotation names the predicate type; skip the download when it cannot match.
    String annotated = layer.annotations().get("predicateType");
    if (annotated != null && !req.wantsPredicate(annotated)) {
      checked.failed(
          where,
          kind,
          Failure.Code.PREDICATE_TYPE_MISMATCH,
          "predicate type is " + annotated + ", expected " + req.predicateType());
      return;
    }
    byte[] blob = timings.time(Phase.FETCH, () -> repo.blob(layer, MAX_ENVELOPE_BYTES));
    Dsse.Envelope envelope;
    try {
      envelope = Dsse.parse(blob);
    } catch (IllegalArgumentException e) {
      checked.failed(where, kind, Failure.Code.MALFORMED, String.valueOf(e.getMessage()));
      return;
    }
    String sigAnnotation =
        layer.annotations().getOrDefault(LegacySignatures.SIGNATURE_ANNOTATION, "");
    Verdict<String> who =
        signer.verify(
            new LegacySigner.Layer(
                envelope.pae(),
                envelope.signatures().stream().map(Dsse.Sig::sig).toList(),
                sigAnnotation,
                blob,
                blob,
                layer.annotations()));
    conclude(checked, where, kind, who, envelope, digest);
  }
}
