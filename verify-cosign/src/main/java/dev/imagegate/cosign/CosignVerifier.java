package dev.imagegate.cosign;

import dev.imagegate.cosign.internal.BundleReferrers;
import dev.imagegate.cosign.internal.Checked;
import dev.imagegate.cosign.internal.KeyMatcher;
import dev.imagegate.cosign.internal.LegacyAttestations;
import dev.imagegate.cosign.internal.LegacySignatures;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.ImageVerifier;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.SignatureFinding;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies cosign signatures or attestations of one image digest with public keys, a given
 * certificate or keyless identities, reading both storage forms: cosign v3 Sigstore bundles (OCI
 * referrers) and legacy {@code .sig}/{@code .att} tags. cosign v3 uses the legacy tags only when no
 * bundle exists; imagegate examines both (unless {@link CosignRequirements#bundlesOnly()}), so
 * images signed by either cosign generation verify under one policy. Each signature is verified in
 * full: signer, transparency log (offline, from the SET or inclusion proof it carries), timestamps,
 * certificate path, identity and SCT.
 */
public final class CosignVerifier extends ImageVerifier {
  private final OciClient client;

  public CosignVerifier(OciClient client) {
    this.client = client;
  }

  @Override
  protected String name() {
    return "cosign";
  }

  private static Checked join(java.util.concurrent.FutureTask<Checked> task)
      throws RegistryException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new RegistryException(
          RegistryException.Kind.TIMEOUT, "interrupted while looking up legacy cosign signatures");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RegistryException re) {
        throw re;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Verifies {@code reference}, already resolved to {@code digest}, against {@code req}. */
  public CosignReport verify(
      ImageReference reference, Digest digest, CosignRequirements req, PhaseTimings timings) {
    Repository repo =
        client.repository(
            req.signatureRepository() != null
                ? req.signatureRepository()
                : reference.repositoryName());
    KeyMatcher keys = new KeyMatcher(req.keys(), req.hash());
    List<SignatureFinding> findings = new ArrayList<>();
    Checked bundles;
    Checked legacy;
    try {
      // The two storage forms are independent registry round trips: look them up at the same time.
      java.util.concurrent.FutureTask<Checked> legacyLookup =
          new java.util.concurrent.FutureTask<>(
              () -> {
                if (req.bundlesOnly()) {
                  return new Checked();
                }
                return req.attestations()
                    ? new LegacyAttestations(req, keys, timings, issuer()).verify(repo, digest)
                    : new LegacySignatures(req, keys, timings).verify(repo, digest);
              });
      Thread.ofVirtual().name("imagegate-cosign-legacy").start(legacyLookup);
      bundles = new BundleReferrers(req, keys, timings, issuer()).verify(repo, digest);
      legacy = join(legacyLookup);
    } catch (RegistryException e) {
      return new CosignReport(
          new Outcome.Error("verifying " + reference + ": " + e.getMessage()), findings);
    }
    findings.addAll(bundles.findings());
    findings.addAll(legacy.findings());
    List<String> signers =
        findings.stream()
            .filter(SignatureFinding::verified)
            .map(SignatureFinding::signer)
            .distinct()
            .toList();
    if (!signers.isEmpty()) {
      List<dev.imagegate.verify.VerifiedAttestation> atts = new ArrayList<>(bundles.attestations());
      atts.addAll(legacy.attestations());
      if (!req.attestations()) {
        atts.clear(); // signature bundles carry a cosign/sign statement, not an attestation the
        // policy asked for
      }
      return new CosignReport(
          new Outcome.Verified(issue(reference, digest, signers, atts)), findings);
    }
    if (findings.isEmpty()) {
      String where =
          (req.bundlesOnly()
                  ? ""
                  : repo.name()
                      + ":"
                      + digest.tagForm()
                      + (req.attestations() ? ".att" : ".sig")
                      + " or ")
              + "as sigstore bundle referrers of "
              + digest;
      Failure none =
          req.attestations()
              ? new Failure(Failure.Code.NO_ATTESTATIONS, "no attestations found in " + where)
              : new Failure(Failure.Code.NO_SIGNATURES, "no signatures found in " + where);
      return new CosignReport(new Outcome.Denied(List.of(none)), findings);
    }
    return new CosignReport(
        new Outcome.Denied(findings.stream().map(SignatureFinding::reason).toList()), findings);
  }
}
