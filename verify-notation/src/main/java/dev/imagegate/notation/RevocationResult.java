package dev.imagegate.notation;

import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Revocation outcome of a chain: REVOKED if any certificate is revoked, else UNKNOWN if any status
 * could not be determined, else GOOD.
 *
 * @param certificates per checked certificate (the root is not checked)
 * @param warnings things worth logging that did not change the outcome (OCSP fallback to CRL, ...)
 */
public record RevocationResult(
    RevocationStatus status, List<CertificateStatus> certificates, List<String> warnings) {
  public RevocationResult {
    certificates = List.copyOf(certificates);
    warnings = List.copyOf(warnings);
  }

  /**
   * The status of one certificate and how it was found ({@code OCSP}, {@code CRL}, {@code none}).
   */
  public record CertificateStatus(
      X509Certificate certificate,
      RevocationStatus status,
      String method,
      @Nullable String detail) {}

  public static RevocationResult of(List<CertificateStatus> statuses, List<String> warnings) {
    RevocationStatus overall = RevocationStatus.GOOD;
    for (CertificateStatus s : statuses) {
      if (s.status() == RevocationStatus.REVOKED) {
        overall = RevocationStatus.REVOKED;
        break;
      }
      if (s.status() == RevocationStatus.UNKNOWN) {
        overall = RevocationStatus.UNKNOWN;
      }
    }
    return new RevocationResult(overall, statuses, warnings);
  }

  /** The first certificate with the overall status, for messages. */
  public @Nullable X509Certificate firstWithStatus() {
    return certificates.stream()
        .filter(c -> c.status() == status)
        .map(CertificateStatus::certificate)
        .findFirst()
        .orElse(null);
  }
}
