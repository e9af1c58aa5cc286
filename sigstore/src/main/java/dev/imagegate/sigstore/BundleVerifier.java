package dev.imagegate.sigstore;

import dev.imagegate.sigstore.internal.CertificatePaths;
import dev.imagegate.sigstore.internal.ContentVerifier;
import dev.imagegate.sigstore.internal.EntryMatcher;
import dev.imagegate.sigstore.internal.TlogVerifier;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a Sigstore bundle offline, in this order, stopping at the first stage that fails:
 *
 * <ol>
 *   <li>signer: the bundle's certificate, or the policy's public key for a key-signed bundle;
 *   <li>signature over the artifact (message signature) or the PAE (DSSE), bound to the artifact;
 *   <li>transparency log entries (unless ignored): SET and/or inclusion proof with checkpoint, and
 *       that each entry records this signature, signer and artifact;
 *   <li>RFC 3161 timestamps over the signature;
 *   <li>for certificates: path to a trusted CA valid at every trusted time, identity policy,
 *       embedded SCT.
 * </ol>
 *
 * See {@code docs/sigstore.md} for the rules and where they differ from cosign and sigstore-go.
 */
public final class BundleVerifier {
  private BundleVerifier() {}

  /** Parses then verifies; a malformed bundle is a {@link BundleVerification.Failed}. */
  public static BundleVerification verify(
      byte[] bundleJson, Artifact artifact, VerificationPolicy policy) {
    SigstoreBundle bundle;
    try {
      bundle = SigstoreBundle.parse(bundleJson);
    } catch (BundleFormatException e) {
      return new BundleVerification.Failed(List.of(e.getMessage()));
    }
    return verify(bundle, artifact, policy);
  }

  public static BundleVerification verify(
      SigstoreBundle bundle, Artifact artifact, VerificationPolicy policy) {
    return run(bundle, Objects.requireNonNull(artifact, "artifact"), policy);
  }

  /**
   * Verifies without binding the bundle to an artifact: the caller must check the content itself
   * (e.g. the in-toto subjects of {@link BundleVerification.Verified#envelope()} against an image
   * digest).
   */
  public static BundleVerification verifyWithoutArtifact(
      SigstoreBundle bundle, VerificationPolicy policy) {
    return run(bundle, null, policy);
  }

  private static BundleVerification run(
      SigstoreBundle bundle, @Nullable Artifact artifact, VerificationPolicy policy) {
    TrustedRoot trust = policy.trustedRoot();
    // 1. signer
    Signer signer;
    if (bundle.isKeySigned()) {
      if (policy.publicKey() == null) {
        return failed(
            "bundle is signed with a public key (hint '"
                + bundle.publicKeyHint()
                + "') but no public key was given to verify it");
      }
      signer = new Signer.Key(policy.publicKey());
    } else {
      if (policy.publicKey() != null) {
        return failed(
            "bundle carries a signing certificate but the policy gives a public key; verify it with certificate identities");
      }
      signer = new Signer.Certificate(bundle.certificates().get(0));
    }
    // 2. signature and artifact
    List<String> problems =
        new ArrayList<>(ContentVerifier.verify(bundle.content(), signer.publicKey(), artifact));
    if (!problems.isEmpty()) {
      return new BundleVerification.Failed(problems);
    }
    // 3. transparency log
    List<TlogEntry> verifiedEntries = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    if (policy.requireTlog()) {
      if (bundle.tlogEntries().isEmpty()) {
        return failed(
            bundle.isKeySigned()
                ? "no transparency log entry (signed with --tlog-upload=false?); pass --insecure-ignore-tlog to accept"
                : "no transparency log entry in the bundle, and the policy requires one");
      }
      Function<String, byte @Nullable []> digests =
          ContentVerifier.artifactDigests(bundle.content(), artifact);
      for (TlogEntry entry : bundle.tlogEntries()) {
        Check<TlogVerifier.VerifiedEntry> v = TlogVerifier.verify(entry, bundle.version(), trust);
        if (!(v instanceof Check.Passed<TlogVerifier.VerifiedEntry> ok)) {
          problems.addAll(v.reasons());
          continue;
        }
        List<String> mismatch =
            EntryMatcher.matchBundle(ok.value().body(), bundle.content(), signer, digests);
        mismatch.forEach(m -> problems.add("tlog entry " + entry.logIndex() + ": " + m));
        if (mismatch.isEmpty()) {
          verifiedEntries.add(entry);
          if (ok.value().integratedTime() != null) {
            times.add(ok.value().integratedTime());
          }
        }
      }
      if (!problems.isEmpty()) {
        return new BundleVerification.Failed(problems);
      }
    }
    // 4. timestamps
    int stamped = 0;
    boolean checkStamps = policy.requireTimestamp() || !trust.timestampAuthorities().isEmpty();
    for (byte[] ts : checkStamps ? bundle.rfc3161Timestamps() : List.<byte[]>of()) {
      Check<Instant> t = TimestampVerifier.verify(ts, bundle.signatureBytes(), trust);
      if (t instanceof Check.Passed<Instant> p) {
        times.add(p.value());
        stamped++;
      } else {
        problems.addAll(t.reasons());
      }
    }
    if (!problems.isEmpty()) {
      return new BundleVerification.Failed(problems);
    }
    if (policy.requireTimestamp() && stamped == 0) {
      return failed(
          "the policy requires an RFC 3161 timestamp and the bundle has "
              + (bundle.rfc3161Timestamps().isEmpty() ? "none" : "no valid one"));
    }
    times.sort(Comparator.naturalOrder());
    Instant signingTime = times.isEmpty() ? null : times.get(0);
    if (bundle.isKeySigned()) {
      return new BundleVerification.Verified(
          signer, List.of(), null, signingTime, times, verifiedEntries, envelope(bundle));
    }
    // 5. certificate
    return certificate(bundle, policy, signer, times, verifiedEntries);
  }

  private static BundleVerification certificate(
      SigstoreBundle bundle,
      VerificationPolicy policy,
      Signer signer,
      List<Instant> times,
      List<TlogEntry> entries) {
    TrustedRoot trust = policy.trustedRoot();
    List<Instant> checkTimes = times;
    if (times.isEmpty()) {
      if (policy.requireTlog() || policy.requireTimestamp()) {
        return failed(
            "no trusted signing time: the bundle has no verified SET integrated time and no verified RFC 3161 timestamp"
                + " (a Rekor v2 entry needs a timestamp)");
      }
      checkTimes =
          List.of(
              policy
                  .clock()
                  .instant()); // cosign: without any observer time the certificate must be valid
      // now
    }
    for (X509Certificate c : bundle.certificates().subList(1, bundle.certificates().size())) {
      if (CertificatePaths.isSelfSigned(c)
          && trust.certificateAuthorities().stream().noneMatch(ca -> ca.anchor().equals(c))) {
        return failed(
            "bundle certificate chain contains a root certificate '"
                + c.getSubjectX500Principal().getName()
                + "' that is not a trusted CA; a bundle must not carry its own root");
      }
    }
    X509Certificate leaf = bundle.certificates().get(0);
    // The chain a bundle carries is never needed: trusted roots list their intermediates
    // (sigstore-go ignores it too).
    Check<VerifiedCertificate> cert =
        CertificateVerifier.verify(leaf, List.of(), trust, policy.identities(), checkTimes);
    if (!(cert instanceof Check.Passed<VerifiedCertificate> vc)) {
      return new BundleVerification.Failed(cert.reasons());
    }
    if (policy.requireSct()) {
      Check<Instant> sct = SctVerifier.verify(leaf, vc.value().issuer(), trust);
      if (!sct.isPassed()) {
        return new BundleVerification.Failed(sct.reasons());
      }
    }
    return new BundleVerification.Verified(
        signer,
        vc.value().path(),
        vc.value().matchedIdentity(),
        times.isEmpty() ? null : times.get(0),
        times,
        entries,
        envelope(bundle));
  }

  private static dev.imagegate.trust.Dsse.@Nullable Envelope envelope(SigstoreBundle bundle) {
    return bundle.content() instanceof SigstoreBundle.DsseEnvelope d ? d.envelope() : null;
  }

  private static BundleVerification failed(String reason) {
    return new BundleVerification.Failed(List.of(reason));
  }
}
