package dev.imagegate.notation.internal;

import dev.imagegate.notation.RevocationChecker;
import dev.imagegate.notation.RevocationOptions;
import dev.imagegate.notation.RevocationResult;
import dev.imagegate.notation.RevocationResult.CertificateStatus;
import dev.imagegate.notation.RevocationStatus;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Per certificate of the chain except the root: OCSP when the certificate names a responder
 * (falling back to CRL when OCSP gives no definite answer and a CRL is available), else CRL, else
 * "non-revokable".
 */
public final class OnlineRevocationChecker implements RevocationChecker {
  private final RevocationOptions options;
  private final OcspRevocation ocsp;
  private final CrlRevocation crl;

  public OnlineRevocationChecker(RevocationOptions options) {
    this.options = options;
    this.ocsp = new OcspRevocation(options.fetcher(), options.ocspTimeout());
    this.crl = new CrlRevocation(options.fetcher(), options.crlTimeout(), options.crlCache());
  }

  @Override
  public RevocationResult check(
      List<X509Certificate> chain, Purpose purpose, @Nullable Instant authenticSigningTime) {
    Instant now = options.clock().instant();
    List<CertificateStatus> statuses = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i + 1 < chain.size(); i++) {
      X509Certificate cert = chain.get(i);
      X509Certificate issuer = chain.get(i + 1);
      CrlDistributionPoints.Urls ocspUrls = CrlDistributionPoints.ocsp(cert);
      CrlDistributionPoints.Urls crlUrls = CrlDistributionPoints.crl(cert);
      String label = "certificate #" + (i + 1) + " \"" + CertificateRules.subject(cert) + "\"";
      if (!ocspUrls.urls().isEmpty()) {
        OcspRevocation.Status o =
            ocsp.check(cert, issuer, ocspUrls.urls(), now, authenticSigningTime);
        if (o.status() != RevocationStatus.UNKNOWN || crlUrls.urls().isEmpty()) {
          statuses.add(new CertificateStatus(cert, o.status(), "OCSP", o.detail()));
          continue;
        }
        warnings.add(
            "OCSP check failed for " + label + " (" + o.detail() + "); falling back to CRL");
      }
      if (crlUrls.error() != null) {
        statuses.add(new CertificateStatus(cert, RevocationStatus.UNKNOWN, "CRL", crlUrls.error()));
      } else if (!crlUrls.urls().isEmpty()) {
        CrlRevocation.Status c = crl.check(cert, issuer, crlUrls.urls(), now, authenticSigningTime);
        statuses.add(new CertificateStatus(cert, c.status(), "CRL", c.detail()));
      } else {
        if (i > 0) {
          warnings.add(label + " has no OCSP or CRL location and cannot be checked for revocation");
        }
        statuses.add(new CertificateStatus(cert, RevocationStatus.GOOD, "none", "non-revokable"));
      }
    }
    return RevocationResult.of(statuses, warnings);
  }
}
