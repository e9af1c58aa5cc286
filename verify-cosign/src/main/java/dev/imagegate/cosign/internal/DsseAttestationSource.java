package dev.imagegate.cosign.internal;

import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import dev.imagegate.trust.Dsse;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.ProofIssuer;
import dev.imagegate.verify.SignatureFinding;
import java.util.Objects;

/**
 * What the two stores of DSSE attestations share, v3 bundles as referrers ({@link BundleReferrers})
 * and legacy {@code .att} manifests ({@link LegacyAttestations}): once the envelope's signer is
 * verified, the in-toto statement must name the image (and the wanted predicate type), and only
 * then does it become a proof.
 */
abstract class DsseAttestationSource {
  final CosignRequirements req;
  final PhaseTimings timings;
  private final ProofIssuer issuer;

  DsseAttestationSource(CosignRequirements req, PhaseTimings timings, ProofIssuer issuer) {
    this.req = req;
    this.timings = timings;
    this.issuer = issuer;
  }

  /**
   * Examines every attestation of {@code digest} stored in {@code repo}.
   *
   * @throws RegistryException when the registry fails
   */
  public abstract Checked verify(Repository repo, Digest digest) throws RegistryException;

  /**
   * Adds the finding for an envelope whose signer check gave {@code who}: failed with the signer's
   * or the statement's failure, else verified with the statement as an attestation proof.
   */
  final void conclude(
      Checked checked,
      String where,
      String kind,
      LegacySigner.Result who,
      Dsse.Envelope envelope,
      Digest digest) {
    if (who.failure() != null) {
      checked.add(SignatureFinding.failed(where, kind, who.failure()));
      return;
    }
    DsseStatements.Result r = DsseStatements.check(envelope, digest, req);
    if (r.failure() != null) {
      checked.add(SignatureFinding.failed(where, kind, r.failure()));
      return;
    }
    // a result without a failure carries its value
    InTotoStatement s = Objects.requireNonNull(r.statement());
    String signer = Objects.requireNonNull(who.signer());
    checked.add(
        SignatureFinding.ok(where, kind, signer),
        issuer.attestation(s.predicateType(), s.predicate(), s.root(), signer));
  }
}
