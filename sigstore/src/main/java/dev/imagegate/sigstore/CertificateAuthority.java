package dev.imagegate.sigstore;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A Fulcio CA or a timestamp authority: its certificate chain, leaf-most first and trust anchor
 * last (the anchor may be an intermediate), and the period during which it was trusted to issue.
 */
public record CertificateAuthority(
    String uri, List<X509Certificate> certChain, TimeRange validFor) {
  public CertificateAuthority {
    certChain = List.copyOf(certChain);
    if (certChain.isEmpty()) {
      throw new IllegalArgumentException("a certificate authority needs at least one certificate");
    }
  }

  /** The certificate trusted without further proof: the last one of the chain. */
  public X509Certificate anchor() {
    return certChain.get(certChain.size() - 1);
  }

  @Override
  public String toString() {
    return "CertificateAuthority["
        + (uri.isEmpty() ? anchor().getSubjectX500Principal().getName() : uri)
        + ", validFor "
        + validFor
        + "]";
  }
}
