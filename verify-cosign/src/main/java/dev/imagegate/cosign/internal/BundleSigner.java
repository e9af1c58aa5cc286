package dev.imagegate.cosign.internal;

import dev.imagegate.cosign.CertificateRequirements;
import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.cosign.CosignTrust;
import dev.imagegate.cosign.NamedKey;
import dev.imagegate.sigstore.BundleVerification;
import dev.imagegate.sigstore.BundleVerifier;
import dev.imagegate.sigstore.SigstoreBundle;
import dev.imagegate.sigstore.TrustedRoot;
import dev.imagegate.sigstore.VerificationPolicy;
import dev.imagegate.trust.Dsse;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.PhaseTimings.Phase;
import java.security.cert.X509Certificate;

/**
 * Who signed one Sigstore bundle, verified with the sigstore module's {@link BundleVerifier}:
 * signature, log entries (SET and/or inclusion proof with checkpoint) unless the tlog is ignored,
 * timestamps, and for certificates the path, identity and SCT. The bundle is verified without an
 * artifact: the caller binds the in-toto subject to the image.
 */
final class BundleSigner {
  private final CosignRequirements req;
  private final KeyMatcher keys;
  private final PhaseTimings timings;

  BundleSigner(CosignRequirements req, KeyMatcher keys, PhaseTimings timings) {
    this.req = req;
    this.keys = keys;
    this.timings = timings;
  }

  Verdict<String> verify(SigstoreBundle bundle, Dsse.Envelope envelope) {
    return req.certificates() == null
        ? withKey(bundle, envelope)
        : withCertificate(bundle, req.certificates());
  }

  private Verdict<String> withKey(SigstoreBundle bundle, Dsse.Envelope envelope) {
    if (!bundle.isKeySigned()) {
      return Verdict.err(
          Failure.Code.CERTIFICATE,
          "bundle is signed with a certificate ("
              + LegacySigner.describe(bundle.certificates().get(0))
              + "); verify it with certificate identities, not a public key");
    }
    byte[] pae = envelope.pae();
    byte[] sig = envelope.signatures().get(0).sig();
    NamedKey key = timings.time(Phase.CRYPTO, () -> keys.match(pae, sig));
    if (key == null) {
      return Verdict.err(
          Failure.Code.WRONG_KEY,
          "DSSE envelope signed by another key: not verified by " + keys.describeKeys());
    }
    VerificationPolicy policy = base(req.trust()).publicKey(key.key()).build();
    BundleVerification v =
        timings.time(Phase.TLOG, () -> BundleVerifier.verifyWithoutArtifact(bundle, policy));
    return v instanceof BundleVerification.Failed f
        ? Verdict.err(FailureCodes.classify(f.reasons()))
        : Verdict.ok(key.describe());
  }

  private Verdict<String> withCertificate(SigstoreBundle bundle, CertificateRequirements cr) {
    if (bundle.isKeySigned()) {
      return Verdict.err(
          Failure.Code.CERTIFICATE,
          "bundle is signed with a public key (hint '"
              + bundle.publicKeyHint()
              + "'), but certificates or keyless identities are required");
    }
    X509Certificate leaf = bundle.certificates().get(0);
    if (cr.certificate() != null && !cr.certificate().equals(leaf)) {
      return Verdict.err(
          Failure.Code.WRONG_KEY,
          "bundle is signed by "
              + LegacySigner.describe(leaf)
              + ", not by the given certificate "
              + LegacySigner.describe(cr.certificate()));
    }
    if (!cr.verifyCertificate()) {
      return Verdict.err(
          Failure.Code.UNSUPPORTED,
          "a certificate without its chain is only a public key, and"
              + " Sigstore bundles are verified with a trusted CA: add certChain to the attestor (or use keyless)");
    }
    TrustedRoot trust =
        cr.chain().isEmpty() ? req.trust() : CosignTrust.withChain(req.trust(), cr.chain());
    if (trust.certificateAuthorities().isEmpty()) {
      return Verdict.err(
          Failure.Code.CERTIFICATE,
          "no certificate authority is trusted to verify the bundle's certificate");
    }
    VerificationPolicy policy =
        base(trust).identities(cr.identities()).requireSct(!cr.ignoreSct()).build();
    BundleVerification v =
        timings.time(Phase.CRYPTO, () -> BundleVerifier.verifyWithoutArtifact(bundle, policy));
    if (v instanceof BundleVerification.Failed f) {
      return Verdict.err(FailureCodes.classify(f.reasons()));
    }
    BundleVerification.Verified ok = (BundleVerification.Verified) v;
    String identity =
        ok.matchedIdentity() == null || cr.identities().isEmpty()
            ? ""
            : " matching " + ok.matchedIdentity().describe();
    return Verdict.ok(LegacySigner.describe(leaf) + identity);
  }

  private VerificationPolicy.Builder base(TrustedRoot trust) {
    return VerificationPolicy.builder(trust)
        .requireTlog(!req.ignoreTlog())
        .requireSct(false)
        .clock(req.clock());
  }
}
