package dev.imagegate.notation.internal;

import dev.imagegate.notation.NotationConfigException;
import dev.imagegate.notation.TrustStore;
import dev.imagegate.notation.TrustStoreType;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What a named trust store may contain: {@code ca} and {@code signingAuthority} stores hold CA
 * certificates or self-signed signing certificates (pinned leaves); {@code tsa} stores hold
 * self-issued, self-signed CA roots only, because the TSA chain is built up to them.
 */
public final class TrustStoreRules {
  private TrustStoreRules() {}

  public static void validateStore(
      TrustStoreType type, String name, String file, List<X509Certificate> certs) {
    if (!name.matches(TrustStore.STORE_NAME_PATTERN)) {
      throw new NotationConfigException(
          "trust store name \""
              + name
              + "\" is invalid; it must match "
              + TrustStore.STORE_NAME_PATTERN);
    }
    if (certs.isEmpty()) {
      throw new NotationConfigException(
          "no x509 certificates were found in trust store \""
              + name
              + "\" of type \""
              + type.policyName()
              + "\"");
    }
    for (X509Certificate cert : certs) {
      problem(type, cert)
          .ifPresent(
              p -> {
                throw new NotationConfigException(
                    "trusted certificate "
                        + file
                        + " in trust store \""
                        + name
                        + "\" of type \""
                        + type.policyName()
                        + "\" is invalid: "
                        + p);
              });
    }
  }

  static Optional<String> problem(TrustStoreType type, X509Certificate cert) {
    String subject = CertificateRules.subject(cert);
    if (type == TrustStoreType.TSA) {
      if (!CertificateRules.sameName(cert, cert)) {
        return Optional.of(
            "certificate with subject \""
                + subject
                + "\" is not a root CA certificate: issuer \""
                + CertificateRules.issuer(cert)
                + "\" and subject are not the same");
      }
      return CertificateRules.issuedByProblem(cert, cert)
          .map(
              p ->
                  "certificate with subject \""
                      + subject
                      + "\" is not a root CA certificate: "
                      + p);
    }
    if (cert.getBasicConstraints() >= 0) {
      return Optional.empty();
    }
    boolean selfSigned =
        CertificateRules.sameName(cert, cert)
            && CertificateRules.signatureProblem(cert, cert).isEmpty();
    return selfSigned
        ? Optional.empty()
        : Optional.of(
            "certificate with subject \""
                + subject
                + "\" is not a CA certificate or self-signed signing certificate");
  }
}
