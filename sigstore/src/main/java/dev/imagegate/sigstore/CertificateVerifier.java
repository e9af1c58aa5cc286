package dev.imagegate.sigstore;

import dev.imagegate.sigstore.internal.CertificatePaths;
import dev.imagegate.sigstore.internal.IdentityMatcher;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Verifies a signing certificate: a path to a trusted Fulcio CA (or configured roots) valid at the
 * trusted signing time(s), the codeSigning extended key usage, then the identity policy. SCTs are
 * checked separately with {@link SctVerifier} (they may be ignored by policy).
 *
 * <p>Certificates that came with the signature (a bundle chain, the {@code
 * dev.sigstore.cosign/chain} annotation) are hints: they can fill in intermediates for a CA that
 * lists none, and a root among them is never trusted.
 */
public final class CertificateVerifier {
  private CertificateVerifier() {}

  public static Check<VerifiedCertificate> verify(
      X509Certificate leaf,
      List<X509Certificate> chainHints,
      TrustedRoot trust,
      List<CertificateIdentity> identities,
      Instant signingTime) {
    return verify(leaf, chainHints, trust, identities, List.of(signingTime));
  }

  /**
   * @param signingTimes every trusted time (SET, TSA); the path must be valid at each of them
   */
  public static Check<VerifiedCertificate> verify(
      X509Certificate leaf,
      List<X509Certificate> chainHints,
      TrustedRoot trust,
      List<CertificateIdentity> identities,
      List<Instant> signingTimes) {
    if (signingTimes.isEmpty()) {
      throw new IllegalArgumentException(
          "a certificate is verified at one or more signing times; none given");
    }
    Check<CertificatePaths.Path> path =
        CertificatePaths.validate(
            leaf,
            chainHints,
            trust.certificateAuthorities(),
            signingTimes,
            CertificatePaths.EKU_CODE_SIGNING);
    if (!(path instanceof Check.Passed<CertificatePaths.Path> p)) {
      return Check.failed(path.reasons());
    }
    Check<CertificateIdentity> id = IdentityMatcher.match(FulcioCertificate.of(leaf), identities);
    if (!(id instanceof Check.Passed<CertificateIdentity> matched)) {
      return Check.failed(id.reasons());
    }
    return Check.passed(
        new VerifiedCertificate(p.value().certificates(), p.value().authority(), matched.value()));
  }
}
