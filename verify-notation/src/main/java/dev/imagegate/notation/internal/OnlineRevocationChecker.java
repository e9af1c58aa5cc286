package dev.imagegate.notation.internal;

import dev.imagegate.base.Result;
import dev.imagegate.notation.RevocationChecker;
import dev.imagegate.notation.RevocationOptions;
import dev.imagegate.notation.RevocationResult;
import dev.imagegate.notation.RevocationResult.CertificateStatus;
import dev.imagegate.notation.RevocationStatus;
import java.net.URI;
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
      Result<List<URI>> crlUrls = CrlDistributionPoints.crl(cert);
      // An unreadable authority information access extension gives no OCSP location, as if it were
      // absent: the CRL (or its own failure) decides then.
      List<URI> ocspUrls =
          CrlDistributionPoints.ocsp(cert) instanceof Result.Ok<List<URI>> ok
              ? ok.value()
              : List.of();
      List<URI> crlLocations = crlUrls instanceof Result.Ok<List<URI>> ok ? ok.value() : List.of();
      RevocationQuery query = new RevocationQuery(cert, issuer, now, authenticSigningTime);
      String label = "certificate #" + (i + 1) + " \"" + CertificateRules.subject(cert) + "\"";
      if (!ocspUrls.isEmpty()) {
        OcspRevocation.Status o = ocsp.check(query, ocspUrls);
        if (o.status() != RevocationStatus.UNKNOWN || crlLocations.isEmpty()) {
          statuses.add(new CertificateStatus(cert, o.status(), "OCSP", o.detail()));
          continue;
        }
        warnings.add(
            "OCSP check failed for " + label + " (" + o.detail() + "); falling back to CRL");
      }
      if (crlUrls instanceof Result.Err<List<URI>> unreadable) {
        statuses.add(
            new CertificateStatus(cert, RevocationStatus.UNKNOWN, "CRL", unreadable.reason()));
      } else if (!crlLocations.isEmpty()) {
        CrlRevocation.Status c = crl.check(query, crlLocations);
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
