package dev.imagegate.cosign.internal;

import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.Manifest;
import dev.imagegate.oci.MediaTypes;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.Repository;
import dev.imagegate.sigstore.BundleFormatException;
import dev.imagegate.sigstore.SigstoreBundle;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.PhaseTimings.Phase;
import dev.imagegate.verify.ProofIssuer;
import java.util.List;
import java.util.Optional;

/**
 * cosign v3 signatures and attestations: Sigstore bundles (v0.3+) stored as OCI referrers of the
 * image, one bundle layer per referrer manifest, holding a DSSE envelope with an in-toto statement
 * about the image. Like cosign's {@code GetBundles}, every referrer is listed (no artifactType
 * filter: the referrers-tag fallback index written by cosign labels entries with the config type),
 * and manifests with exactly one bundle layer kept. Each bundle is verified by {@link BundleSigner}
 * (the sigstore module's {@code BundleVerifier}); the statement it signs must then name the image.
 */
public final class BundleReferrers extends DsseAttestationSource {
  static final int MAX_REFERRERS = 64;
  static final long MAX_BUNDLE_BYTES = SigstoreBundle.MAX_BYTES;

  private final BundleSigner signer;

  public BundleReferrers(
      CosignRequirements req, KeyMatcher keys, PhaseTimings timings, ProofIssuer issuer) {
    super(req, timings, issuer);
    this.signer = new BundleSigner(req, keys, timings);
  }

  @Override
  public Checked verify(Repository repo, Digest digest) throws RegistryException {
    Checked checked = new Checked();
    List<Descriptor> referrers = timings.time(Phase.DISCOVER, () -> repo.referrers(digest, null));
    int examined = 0;
    for (Descriptor d : referrers) {
      if (!mayBeBundle(d)) {
        continue;
      }
      if (examined++ == MAX_REFERRERS) {
        break;
      }
      Optional<Manifest> m =
          timings.time(Phase.DISCOVER, () -> repo.manifest(d.digest().toString()));
      if (m.isEmpty()
          || !(m.get().content() instanceof Manifest.ImageManifest im)
          || im.layers().size() != 1
          || !im.layers().get(0).mediaType().startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX)) {
        continue;
      }
      String where = repo.name() + "@" + d.digest() + " (sigstore bundle)";
      verifyBundle(repo, im.layers().get(0), digest, where, checked);
    }
    return checked;
  }

  private boolean mayBeBundle(Descriptor d) {
    String t = d.artifactType();
    if (req.bundlesOnly()) {
      // Kyverno type: SigstoreBundle keeps referrers whose artifactType names a sigstore bundle.
      return t != null && t.startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX);
    }
    return t == null
        || t.startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX)
        || t.equals(MediaTypes.OCI_EMPTY);
  }

  private void verifyBundle(
      Repository repo, Descriptor layer, Digest digest, String where, Checked checked)
      throws RegistryException {
    String kind = req.attestations() ? "sigstore bundle attestation" : "sigstore bundle";
    byte[] blob = timings.time(Phase.FETCH, () -> repo.blob(layer, MAX_BUNDLE_BYTES));
    SigstoreBundle bundle;
    try {
      bundle = SigstoreBundle.parse(blob);
    } catch (BundleFormatException e) {
      checked.failed(where, kind, Failure.Code.MALFORMED, "bundle: " + e.getMessage());
      return;
    }
    if (!(bundle.content() instanceof SigstoreBundle.DsseEnvelope env)) {
      checked.failed(
          where,
          kind,
          Failure.Code.MALFORMED,
          "bundle has no DSSE envelope (message-signature bundles do not sign images)");
      return;
    }
    if (env.envelope().signatures().size() != 1) {
      checked.failed(
          where,
          kind,
          Failure.Code.MALFORMED,
          "bundle DSSE envelope must carry exactly one signature, found "
              + env.envelope().signatures().size());
      return;
    }
    conclude(checked, where, kind, signer.verify(bundle, env.envelope()), env.envelope(), digest);
  }
}
