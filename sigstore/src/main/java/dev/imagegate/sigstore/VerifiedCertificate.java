package dev.imagegate.sigstore;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A signing certificate that chains to a trusted CA at the trusted signing time(s) and matches an
 * identity.
 *
 * @param path the certification path, signing certificate first and trust anchor last
 * @param matchedIdentity the identity policy that matched (a blank identity when none was required)
 */
public record VerifiedCertificate(
    List<X509Certificate> path,
    CertificateAuthority authority,
    CertificateIdentity matchedIdentity) {
  public VerifiedCertificate {
    path = List.copyOf(path);
  }

  public X509Certificate leaf() {
    return path.get(0);
  }

  /** The certificate that issued the leaf (what an SCT's issuer key hash refers to). */
  public X509Certificate issuer() {
    return path.get(1);
  }
}
