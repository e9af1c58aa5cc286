package dev.imagegate.notation.internal;

import dev.imagegate.base.Result;
import dev.imagegate.notation.CrlCache;
import dev.imagegate.notation.HttpFetcher;
import dev.imagegate.notation.RevocationStatus;
import dev.imagegate.trust.Crypto;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.cert.X509Extension;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.jspecify.annotations.Nullable;

/**
 * CRL status of one certificate (RFC 5280 section 6.3, restricted as notation-core-go does): every
 * distribution point is fetched and checked; a CRL must be signed by the certificate's issuer, have
 * a nextUpdate that has not passed and no unknown critical extension; delta CRLs named by
 * Freshest-CRL are applied on top of the base.
 */
final class CrlRevocation {
  static final int MAX_CRL_BYTES = 10 * 1024 * 1024;
  private static final Set<String> KNOWN_CRITICAL =
      Set.of(Extension.issuingDistributionPoint.getId(), Extension.deltaCRLIndicator.getId());

  /** Status with a human-readable detail. */
  record Status(RevocationStatus status, @Nullable String detail) {}

  private final HttpFetcher fetcher;
  private final Duration timeout;
  private final CrlCache cache;

  CrlRevocation(HttpFetcher fetcher, Duration timeout, CrlCache cache) {
    this.fetcher = fetcher;
    this.timeout = timeout;
    this.cache = cache;
  }

  Status check(RevocationQuery q, List<URI> urls) {
    Status combined = new Status(RevocationStatus.GOOD, "not listed in " + urls);
    for (URI url : urls) {
      Status s = checkOne(q, url);
      if (s.status() == RevocationStatus.REVOKED) {
        return s;
      }
      if (s.status() == RevocationStatus.UNKNOWN) {
        combined = s;
      }
    }
    return combined;
  }

  private Status checkOne(RevocationQuery q, URI url) {
    X509CRL base;
    try {
      base = fetchValidated(url, q.issuer(), q.now());
    } catch (IOException | GeneralSecurityException e) {
      return new Status(RevocationStatus.UNKNOWN, "CRL " + url + ": " + e.getMessage());
    }
    if (CrlDistributionPoints.isDelta(base)) {
      return new Status(
          RevocationStatus.UNKNOWN, "CRL " + url + " is a delta CRL where a base CRL was expected");
    }
    X509CRL delta = null;
    Result<List<URI>> freshest = CrlDistributionPoints.freshest(base);
    Result<List<URI>> certFreshest = CrlDistributionPoints.freshest(q.cert());
    if (!freshest.isOk()) {
      return new Status(RevocationStatus.UNKNOWN, freshest.reason());
    }
    if (!certFreshest.isOk()) {
      return new Status(RevocationStatus.UNKNOWN, certFreshest.reason());
    }
    for (URI deltaUrl : freshest.value()) {
      try {
        delta = fetchValidated(deltaUrl, q.issuer(), q.now());
        break;
      } catch (IOException | GeneralSecurityException e) {
        // try the next delta location
      }
    }
    if (delta == null && !certFreshest.value().isEmpty()) {
      return new Status(
          RevocationStatus.UNKNOWN, "certificate names a delta CRL but none could be fetched");
    }
    if (delta != null) {
      String deltaProblem = deltaProblem(base, delta);
      if (deltaProblem != null) {
        return new Status(RevocationStatus.UNKNOWN, deltaProblem);
      }
    }
    X509CRLEntry deltaEntry =
        delta == null ? null : delta.getRevokedCertificate(q.cert().getSerialNumber());
    X509CRLEntry baseEntry = base.getRevokedCertificate(q.cert().getSerialNumber());
    X509CRLEntry entry = deltaEntry != null ? deltaEntry : baseEntry;
    if (entry == null) {
      return new Status(RevocationStatus.GOOD, "not listed in CRL " + url);
    }
    CRLReason reason = reason(entry);
    if (reason != null && reason.getValue().intValue() == CRLReason.removeFromCRL) {
      return new Status(RevocationStatus.GOOD, "removed from CRL " + url);
    }
    Date invalidity = invalidityDate(entry);
    if (invalidity != null && q.invalidOnlyAfterSigning(invalidity)) {
      return new Status(
          RevocationStatus.GOOD,
          "revoked with invalidity date "
              + invalidity.toInstant()
              + " after the authentic signing time "
              + q.signingTime());
    }
    return new Status(
        RevocationStatus.REVOKED,
        "listed in CRL "
            + url
            + " (serial "
            + q.cert().getSerialNumber().toString(16)
            + (reason == null ? "" : ", reason " + reason.getValue())
            + ", revoked "
            + entry.getRevocationDate().toInstant()
            + ")");
  }

  private X509CRL fetchValidated(URI url, X509Certificate issuer, Instant now)
      throws IOException, GeneralSecurityException {
    X509CRL cached = cache.get(url, now);
    if (cached != null) {
      return cached;
    }
    byte[] bytes = fetcher.get(url, timeout, MAX_CRL_BYTES);
    X509CRL crl =
        (X509CRL)
            CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
    if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      throw new GeneralSecurityException(
          "CRL issuer " + crl.getIssuerX500Principal() + " is not the certificate issuer");
    }
    crl.verify(issuer.getPublicKey(), Crypto.provider());
    if (crl.getNextUpdate() == null) {
      throw new GeneralSecurityException("CRL has no nextUpdate");
    }
    if (now.isAfter(crl.getNextUpdate().toInstant())) {
      throw new GeneralSecurityException("CRL expired at " + crl.getNextUpdate().toInstant());
    }
    Set<String> critical = crl.getCriticalExtensionOIDs();
    if (critical != null) {
      for (String oid : critical) {
        if (!KNOWN_CRITICAL.contains(oid)) {
          throw new GeneralSecurityException("CRL has unsupported critical extension " + oid);
        }
      }
    }
    cache.put(url, crl);
    return crl;
  }

  private static @Nullable String deltaProblem(X509CRL base, X509CRL delta) {
    if (!CrlDistributionPoints.isDelta(delta)) {
      return "Freshest-CRL location served a CRL without delta CRL indicator";
    }
    BigInteger baseNumber = integerExtension(base, Extension.cRLNumber.getId());
    BigInteger deltaNumber = integerExtension(delta, Extension.cRLNumber.getId());
    BigInteger deltaBase = integerExtension(delta, Extension.deltaCRLIndicator.getId());
    if (baseNumber == null || deltaNumber == null || deltaBase == null) {
      return "base or delta CRL lacks a CRL number";
    }
    if (deltaNumber.compareTo(baseNumber) <= 0) {
      return "delta CRL number "
          + deltaNumber
          + " is not greater than the base CRL number "
          + baseNumber;
    }
    if (deltaBase.compareTo(baseNumber) > 0) {
      return "delta CRL refers to base CRL number "
          + deltaBase
          + ", newer than the base "
          + baseNumber;
    }
    return null;
  }

  private static @Nullable BigInteger integerExtension(X509CRL crl, String oid) {
    return extension(crl, oid, v -> ASN1Integer.getInstance(v).getValue());
  }

  private static @Nullable CRLReason reason(X509CRLEntry entry) {
    return extension(
        entry,
        Extension.reasonCode.getId(),
        v -> CRLReason.getInstance(ASN1Enumerated.getInstance(v)));
  }

  private static @Nullable Date invalidityDate(X509CRLEntry entry) {
    return extension(
        entry, Extension.invalidityDate.getId(), v -> ASN1GeneralizedTime.getInstance(v).getDate());
  }

  /** Reads the DER value of an extension. */
  private interface ExtensionReader<T> {
    T read(ASN1Primitive value) throws ParseException;
  }

  /**
   * The extension {@code oid} of a CRL or CRL entry as {@code reader} reads it; null when it is
   * absent or unreadable (it then counts as not given).
   */
  private static <T> @Nullable T extension(
      X509Extension holder, String oid, ExtensionReader<T> reader) {
    byte[] v = holder.getExtensionValue(oid);
    if (v == null) {
      return null;
    }
    try {
      return reader.read(ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(v).getOctets()));
    } catch (IOException | RuntimeException | ParseException e) {
      return null;
    }
  }
}
