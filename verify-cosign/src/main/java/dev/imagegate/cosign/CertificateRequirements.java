package dev.imagegate.cosign;

import dev.imagegate.sigstore.CertificateIdentity;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How certificate-based signatures must be checked: keyless (the signing certificate travels with
 * the signature and must chain to a trusted CA), or a certificate given up front (cosign {@code
 * --certificate}, Kyverno {@code certificates.cert}).
 *
 * @param certificate the given signing certificate, null for keyless
 * @param chain with a given certificate: its chain, parent first and root last (cosign {@code
 *     --certificate-chain}, Kyverno {@code certChain}); the certificate must chain to its last
 *     element. Empty: the trusted root's CAs.
 * @param verifyCertificate false only for Kyverno's {@code cert} without {@code certChain}: the
 *     certificate is used as a bare public key (no path, identity or SCT check), as Kyverno does
 * @param identities accepted identities, any one suffices; empty accepts any identity (Kyverno
 *     {@code certChain} attestors). Callers verifying keyless signatures should always give one.
 * @param ignoreSct accept certificates without a verified embedded SCT ({@code
 *     --insecure-ignore-sct}, Kyverno {@code ctlog.ignoreSCT})
 */
public record CertificateRequirements(
    @Nullable X509Certificate certificate,
    List<X509Certificate> chain,
    boolean verifyCertificate,
    List<CertificateIdentity> identities,
    boolean ignoreSct) {
  /**
   * Bound on a configured chain (Kyverno caps at 10 intermediates plus the root, CVE-2026-32280).
   */
  public static final int MAX_CHAIN = 11;

  public CertificateRequirements {
    chain = chain == null ? List.of() : List.copyOf(chain);
    identities = identities == null ? List.of() : List.copyOf(identities);
    if (certificate == null && !chain.isEmpty()) {
      throw new IllegalArgumentException(
          "a certificate chain without a certificate is trust (roots), not a signer:"
              + " put it in the trusted root");
    }
    if (certificate == null && !verifyCertificate) {
      throw new IllegalArgumentException("keyless certificates are always verified");
    }
    if (chain.size() > MAX_CHAIN) {
      throw new IllegalArgumentException(
          "certificate chain has "
              + chain.size()
              + " certificates, at most "
              + MAX_CHAIN
              + " are accepted");
    }
  }

  /**
   * Keyless: the certificate comes with each signature and must chain to the trusted root's CAs.
   */
  public static CertificateRequirements keyless(
      List<CertificateIdentity> identities, boolean ignoreSct) {
    return new CertificateRequirements(null, List.of(), true, identities, ignoreSct);
  }

  /** A given certificate, verified against {@code chain} (or the trusted root's CAs when empty). */
  public static CertificateRequirements given(
      X509Certificate certificate,
      List<X509Certificate> chain,
      List<CertificateIdentity> identities,
      boolean ignoreSct) {
    return new CertificateRequirements(certificate, chain, true, identities, ignoreSct);
  }

  /**
   * Kyverno {@code cert} without {@code certChain}: the certificate's key verifies signatures,
   * nothing more.
   */
  public static CertificateRequirements keyOf(X509Certificate certificate) {
    return new CertificateRequirements(certificate, List.of(), false, List.of(), true);
  }

  public boolean keyless() {
    return certificate == null;
  }
}
