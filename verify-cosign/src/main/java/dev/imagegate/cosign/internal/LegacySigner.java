package dev.imagegate.cosign.internal;

import dev.imagegate.cosign.CertificateRequirements;
import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.cosign.CosignTrust;
import dev.imagegate.cosign.NamedKey;
import dev.imagegate.sigstore.CertificateVerifier;
import dev.imagegate.sigstore.Check;
import dev.imagegate.sigstore.FulcioCertificate;
import dev.imagegate.sigstore.RekorSetVerifier;
import dev.imagegate.sigstore.SctVerifier;
import dev.imagegate.sigstore.Signer;
import dev.imagegate.sigstore.TimestampVerifier;
import dev.imagegate.sigstore.TrustedRoot;
import dev.imagegate.sigstore.VerifiedCertificate;
import dev.imagegate.sigstore.VerifiedLogEntry;
import dev.imagegate.trust.Certificates;
import dev.imagegate.trust.Signatures;
import dev.imagegate.trust.TrustMaterialException;
import dev.imagegate.verify.Failure;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.PhaseTimings.Phase;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who signed one legacy {@code .sig}/{@code .att} layer, checked as cosign's {@code verifyInternal}
 * does: the signature with a configured key or with the certificate (given, or from {@code
 * dev.sigstore.cosign/certificate}); then, unless ignored, the Rekor SET of {@code
 * dev.sigstore.cosign/bundle}; an RFC 3161 timestamp when the trust lists a TSA; and for
 * certificates the path to a trusted CA at the trusted times (the {@code dev.sigstore.cosign/chain}
 * annotation only supplies intermediates, its root is never trusted), the identity policy and the
 * embedded SCT.
 */
final class LegacySigner {
  static final String CERTIFICATE = "dev.sigstore.cosign/certificate";
  static final String CHAIN = "dev.sigstore.cosign/chain";
  static final String BUNDLE = "dev.sigstore.cosign/bundle";
  static final String TIMESTAMP = "dev.sigstore.cosign/rfc3161timestamp";
  private static final int MAX_ANNOTATION_CHARS = 256 * 1024;

  /** One layer: what was signed and how it is stored. */
  record Layer(
      byte[] signed,
      List<byte[]> signatures,
      String signatureAnnotation,
      byte[] blob,
      byte[] stamped,
      Map<String, String> annotations) {}

  private final CosignRequirements req;
  private final KeyMatcher keys;
  private final PhaseTimings timings;

  LegacySigner(CosignRequirements req, KeyMatcher keys, PhaseTimings timings) {
    this.req = req;
    this.keys = keys;
    this.timings = timings;
  }

  /** The signer's description, or why the layer's signature is not accepted. */
  Verdict<String> verify(Layer layer) {
    return req.certificates() == null ? withKey(layer) : withCertificate(layer, req.certificates());
  }

  private Verdict<String> withKey(Layer layer) {
    NamedKey key =
        timings.time(
            Phase.CRYPTO,
            () -> {
              for (byte[] sig : layer.signatures()) {
                NamedKey k = keys.match(layer.signed(), sig);
                if (k != null) {
                  return k;
                }
              }
              return null;
            });
    if (key == null) {
      return Verdict.err(
          Failure.Code.WRONG_KEY,
          "signature by another key: not verified by " + keys.describeKeys());
    }
    List<Instant> times = new ArrayList<>();
    Failure tlog = tlog(layer, new Signer.Key(key.key()), times);
    if (tlog != null) {
      return Verdict.err(tlog);
    }
    Failure ts = timestamp(layer, times);
    return ts != null ? Verdict.err(ts) : Verdict.ok(key.describe());
  }

  private Verdict<String> withCertificate(Layer layer, CertificateRequirements cr) {
    X509Certificate annotated;
    try {
      annotated =
          certificates(layer.annotations().get(CERTIFICATE), CERTIFICATE).stream()
              .findFirst()
              .orElse(null);
    } catch (TrustMaterialException e) {
      return Verdict.err(Failure.Code.MALFORMED, String.valueOf(e.getMessage()));
    }
    X509Certificate leaf = cr.certificate() != null ? cr.certificate() : annotated;
    if (leaf == null) {
      return Verdict.err(
          Failure.Code.CERTIFICATE,
          "layer has no "
              + CERTIFICATE
              + " annotation: it was signed with a key, not a certificate (verify it with --key / keys.publicKeys)");
    }
    boolean verified =
        timings.time(
            Phase.CRYPTO,
            () ->
                layer.signatures().stream()
                    .anyMatch(
                        sig ->
                            Signatures.verify(
                                leaf.getPublicKey(), req.hash(), layer.signed(), sig)));
    if (!verified) {
      return Verdict.err(
          Failure.Code.WRONG_KEY,
          "signature does not verify with the key of "
              + (cr.certificate() != null ? "the given certificate " : "its certificate ")
              + describe(leaf));
    }
    List<Instant> times = new ArrayList<>();
    // The log entry records the certificate that came with the signature (cosign compares that
    // one).
    Failure tlog = tlog(layer, new Signer.Certificate(annotated != null ? annotated : leaf), times);
    if (tlog != null) {
      return Verdict.err(tlog);
    }
    Failure ts = timestamp(layer, times);
    if (ts != null) {
      return Verdict.err(ts);
    }
    if (!cr.verifyCertificate()) {
      return Verdict.ok("key of the given certificate " + describe(leaf));
    }
    return timings.time(Phase.CRYPTO, () -> checkCertificate(layer, cr, leaf, times));
  }

  private Verdict<String> checkCertificate(
      Layer layer, CertificateRequirements cr, X509Certificate leaf, List<Instant> times) {
    TrustedRoot trust =
        cr.chain().isEmpty() ? req.trust() : CosignTrust.withChain(req.trust(), cr.chain());
    if (trust.certificateAuthorities().isEmpty()) {
      return Verdict.err(
          Failure.Code.CERTIFICATE,
          "no certificate authority is trusted: give --ca-roots, --certificate-chain"
              + " or --trusted-root (Kyverno: keyless.roots or certificates.certChain)");
    }
    List<X509Certificate> hints;
    try {
      hints = cr.keyless() ? certificates(layer.annotations().get(CHAIN), CHAIN) : List.of();
    } catch (TrustMaterialException e) {
      return Verdict.err(Failure.Code.MALFORMED, String.valueOf(e.getMessage()));
    }
    List<Instant> at = times.isEmpty() ? List.of(req.clock().instant()) : times;
    Check<VerifiedCertificate> cert =
        CertificateVerifier.verify(leaf, hints, trust, cr.identities(), at);
    if (!(cert instanceof Check.Passed<VerifiedCertificate> vc)) {
      List<String> reasons = new ArrayList<>(cert.reasons());
      if (times.isEmpty() && reasons.stream().anyMatch(r -> r.contains("not valid at"))) {
        reasons.add(
            "no trusted signing time (no verified SET or timestamp), so the certificate was checked at the current time "
                + at.get(0));
      }
      return Verdict.err(
          FailureCodes.of(
              reasons.get(0).contains("identit") ? Failure.Code.IDENTITY : Failure.Code.CERTIFICATE,
              reasons));
    }
    if (!cr.ignoreSct()) {
      if (trust.ctlogs().isEmpty()) {
        return Verdict.err(
            Failure.Code.CERTIFICATE,
            "no CT log key is trusted to verify the certificate's SCT: give"
                + " --ct-log-public-key or --trusted-root, or --insecure-ignore-sct (Kyverno: ctlog.pubkey or ctlog.ignoreSCT)");
      }
      Check<Instant> sct = SctVerifier.verify(leaf, vc.value().issuer(), trust);
      if (!sct.isPassed()) {
        return Verdict.err(FailureCodes.of(Failure.Code.CERTIFICATE, sct.reasons()));
      }
    }
    String identity =
        cr.identities().isEmpty() ? "" : " matching " + vc.value().matchedIdentity().describe();
    return Verdict.ok(describe(leaf) + identity);
  }

  /** Null when the log requirement holds; adds the verified integrated time to {@code times}. */
  private @Nullable Failure tlog(Layer layer, Signer signer, List<Instant> times) {
    if (req.ignoreTlog()) {
      return null;
    }
    String bundle = layer.annotations().get(BUNDLE);
    if (bundle == null) {
      return new Failure(
          Failure.Code.TLOG,
          "signature has no transparency log entry ("
              + BUNDLE
              + " annotation; made with"
              + " --tlog-upload=false?) and imagegate does not look entries up online; pass --insecure-ignore-tlog"
              + " (Kyverno: rekor.ignoreTlog: true) to accept signatures without one");
    }
    if (req.trust().tlogs().isEmpty()) {
      return new Failure(
          Failure.Code.TLOG,
          "signature carries a Rekor entry but no Rekor public key is trusted to verify it;"
              + " pass --rekor-public-key or --trusted-root (Kyverno: rekor.pubkey), or --insecure-ignore-tlog to skip the log check");
    }
    Check<VerifiedLogEntry> set =
        timings.time(
            Phase.TLOG,
            () ->
                RekorSetVerifier.verify(
                    bundle, layer.signatureAnnotation(), layer.blob(), signer, req.trust()));
    if (!(set instanceof Check.Passed<VerifiedLogEntry> ok)) {
      return FailureCodes.of(Failure.Code.TLOG, set.reasons());
    }
    times.add(ok.value().integratedTime());
    return null;
  }

  /**
   * Verifies an RFC 3161 annotation when a TSA is trusted (cosign reads it only then); adds its
   * time.
   */
  private @Nullable Failure timestamp(Layer layer, List<Instant> times) {
    String ts = layer.annotations().get(TIMESTAMP);
    if (ts == null || req.trust().timestampAuthorities().isEmpty()) {
      return null;
    }
    Check<Instant> t =
        timings.time(
            Phase.CRYPTO,
            () -> TimestampVerifier.verifyCosignAnnotation(ts, layer.stamped(), req.trust()));
    if (!(t instanceof Check.Passed<Instant> ok)) {
      return FailureCodes.of(Failure.Code.TIMESTAMP, t.reasons());
    }
    times.add(ok.value());
    return null;
  }

  private static List<X509Certificate> certificates(@Nullable String pem, String annotation) {
    if (pem == null || pem.isBlank()) {
      return List.of();
    }
    if (pem.length() > MAX_ANNOTATION_CHARS) {
      throw new TrustMaterialException(
          annotation + " annotation is larger than " + MAX_ANNOTATION_CHARS + " characters");
    }
    try {
      return Certificates.parsePem(pem);
    } catch (TrustMaterialException e) {
      throw new TrustMaterialException(annotation + " annotation: " + e.getMessage(), e);
    }
  }

  /** {@code certificate for [signer@example.com] issuer 'https://…' (serial 1a2b)}. */
  static String describe(X509Certificate c) {
    FulcioCertificate f = FulcioCertificate.of(c);
    String issuer = f.issuer();
    return "certificate for "
        + f.subjectAlternativeNames()
        + (issuer == null ? "" : " issuer '" + issuer + "'")
        + " (serial "
        + c.getSerialNumber().toString(16)
        + ")";
  }
}
