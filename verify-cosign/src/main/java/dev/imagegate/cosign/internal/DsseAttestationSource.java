package dev.imagegate.cosign.internal;

import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import dev.imagegate.trust.Dsse;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.ProofIssuer;
import dev.imagegate.verify.SignatureFinding;

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
      Verdict<String> who,
      Dsse.Envelope envelope,
      Digest digest) {
    switch (who) {
      case Verdict.Err<String>(Failure failure) ->
          checked.add(SignatureFinding.failed(where, kind, failure));
      case Verdict.Ok<String>(String signer) -> {
        switch (DsseStatements.check(envelope, digest, req)) {
          case Verdict.Err<InTotoStatement>(Failure failure) ->
              checked.add(SignatureFinding.failed(where, kind, failure));
          case Verdict.Ok<InTotoStatement>(InTotoStatement s) ->
              checked.add(
                  SignatureFinding.ok(where, kind, signer),
                  issuer.attestation(s.predicateType(), s.predicate(), s.root(), signer));
        }
      }
    }
  }
}
