package dev.imagegate.cosign.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.imagegate.verify.SignatureFinding;
import dev.imagegate.verify.VerifiedAttestation;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * cosign v3 signatures and attestations: Sigstore bundles (v0.3+) stored as OCI referrers of the image, one
 * bundle layer per referrer manifest, holding a DSSE envelope with an in-toto statement about the image.
 * Like cosign's {@code GetBundles}, every referrer is listed (no artifactType filter: the referrers-tag
 * fallback index written by cosign labels entries with the config type), and manifests with exactly one bundle layer kept.
 */
public final class BundleReferrers {
  static final int MAX_REFERRERS = 64;
  static final long MAX_BUNDLE_BYTES = 16L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CosignRequirements req;
  private final KeyMatcher keys;
  private final PhaseTimings timings;

  public BundleReferrers(CosignRequirements req, KeyMatcher keys, PhaseTimings timings) {
    this.req = req;
    this.keys = keys;
    this.timings = timings;
  }

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
      Optional<Manifest> m = timings.time(Phase.DISCOVER, () -> repo.manifest(d.digest().toString()));
      if (m.isEmpty() || !(m.get().content() instanceof Manifest.ImageManifest im) || im.layers().size() != 1
          || !im.layers().get(0).mediaType().startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX)) {
        continue;
      }
      String where = repo.name() + "@" + d.digest() + " (sigstore bundle)";
      verifyBundle(repo, im.layers().get(0), digest, where, checked);
    }
    return checked;
  }

  private static boolean mayBeBundle(Descriptor d) {
    String t = d.artifactType();
    return t == null || t.startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX) || t.equals(MediaTypes.OCI_EMPTY);
  }

  private void verifyBundle(Repository repo, Descriptor layer, Digest digest, String where, Checked checked)
      throws RegistryException {
    String kind = req.attestations() ? "sigstore bundle attestation" : "sigstore bundle";
    byte[] blob = timings.time(Phase.FETCH, () -> repo.blob(layer, MAX_BUNDLE_BYTES));
    JsonNode bundle;
    try {
      bundle = JSON.readTree(blob);
    } catch (IOException e) {
      checked.add(SignatureFinding.failed(where, kind, new Failure(Failure.Code.MALFORMED, "bundle is not JSON")));
      return;
    }
    JsonNode material = bundle.path("verificationMaterial");
    if (!material.has("publicKey")) {
      checked.add(SignatureFinding.failed(where, kind, new Failure(Failure.Code.CERTIFICATE,
          "bundle is certificate-based (keyless); it cannot be verified with a public key")));
      return;
    }
    JsonNode env = bundle.get("dsseEnvelope");
    if (env == null) {
      checked.add(SignatureFinding.failed(where, kind, new Failure(Failure.Code.MALFORMED,
          "bundle has no DSSE envelope (message-signature bundles do not sign images)")));
      return;
    }
    Dsse.Envelope envelope;
    try {
      envelope = Dsse.fromJson(env);
    } catch (IllegalArgumentException e) {
      checked.add(SignatureFinding.failed(where, kind, new Failure(Failure.Code.MALFORMED, e.getMessage())));
      return;
    }
    if (envelope.signatures().size() != 1) {
      checked.add(SignatureFinding.failed(where, kind, new Failure(Failure.Code.MALFORMED,
          "bundle DSSE envelope must carry exactly one signature, found " + envelope.signatures().size())));
      return;
    }
    DsseStatements.Result r = DsseStatements.verify(envelope, keys, digest, req, timings);
    if (r.failure() != null) {
      checked.add(SignatureFinding.failed(where, kind, r.failure()));
      return;
    }
    JsonNode tlog = bundle.path("verificationMaterial").path("tlogEntries");
    Failure tlogFailure = TlogRequirement.check(req.ignoreTlog(), tlog.isArray() && !tlog.isEmpty());
    if (tlogFailure != null) {
      checked.add(SignatureFinding.failed(where, kind, tlogFailure));
      return;
    }
    InTotoStatement s = r.statement();
    checked.add(SignatureFinding.ok(where, kind, r.key().describe()),
        new VerifiedAttestation(s.predicateType(), s.predicate(), s.root(), r.key().describe()));
  }
}
