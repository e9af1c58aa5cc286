package dev.imagegate.notation.internal;

import dev.imagegate.notation.HttpFetcher;
import dev.imagegate.notation.RevocationStatus;
import dev.imagegate.trust.Crypto;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jspecify.annotations.Nullable;

/**
 * OCSP status of one certificate (RFC 6960): SHA-1 CertID as notation sends it, GET when the
 * encoded request is short, else POST; the response must be signed by the issuer or by a delegated
 * responder the issuer certified for OCSPSigning, and must not be past its nextUpdate.
 */
final class OcspRevocation {
  static final int MAX_RESPONSE_BYTES = 20 * 1024;

  record Status(RevocationStatus status, String detail, boolean explicitUnknown) {}

  private final HttpFetcher fetcher;
  private final Duration timeout;

  OcspRevocation(HttpFetcher fetcher, Duration timeout) {
    this.fetcher = fetcher;
    this.timeout = timeout;
  }

  /** The first URL giving a definite answer (good, revoked or an explicit unknown) decides. */
  Status check(RevocationQuery q, List<URI> urls) {
    Status last = new Status(RevocationStatus.UNKNOWN, "no OCSP responder answered", false);
    for (URI url : urls) {
      last = checkOne(q, url);
      if (last.status() != RevocationStatus.UNKNOWN || last.explicitUnknown()) {
        return last;
      }
    }
    return last;
  }

  private Status checkOne(RevocationQuery q, URI url) {
    try {
      CertificateID id =
          new CertificateID(
              new JcaDigestCalculatorProviderBuilder()
                  .setProvider(Crypto.provider())
                  .build()
                  .get(CertificateID.HASH_SHA1),
              new JcaX509CertificateHolder(q.issuer()),
              q.cert().getSerialNumber());
      byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
      String b64 = Base64.getEncoder().encodeToString(request);
      byte[] body =
          b64.length() < 255
              ? fetcher.get(
                  URI.create(
                      url.toString().replaceAll("/$", "")
                          + "/"
                          + URLEncoder.encode(b64, StandardCharsets.US_ASCII)),
                  timeout,
                  MAX_RESPONSE_BYTES)
              : fetcher.post(url, "application/ocsp-request", request, timeout, MAX_RESPONSE_BYTES);
      OCSPResp resp = new OCSPResp(body);
      if (resp.getStatus() != OCSPResp.SUCCESSFUL
          || !(resp.getResponseObject() instanceof BasicOCSPResp basic)) {
        return unknown("OCSP " + url + " answered with status " + resp.getStatus());
      }
      if (!signedByIssuerOrDelegate(basic, q.issuer(), q.now())) {
        return unknown(
            "OCSP response from " + url + " is not signed by the issuer or a delegated responder");
      }
      for (SingleResp single : basic.getResponses()) {
        if (!single
                .getCertID()
                .matchesIssuer(
                    new JcaX509CertificateHolder(q.issuer()),
                    new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.provider()).build())
            || !single.getCertID().getSerialNumber().equals(q.cert().getSerialNumber())) {
          continue;
        }
        if (single.getNextUpdate() != null && q.now().isAfter(single.getNextUpdate().toInstant())) {
          return unknown(
              "OCSP response from " + url + " expired at " + single.getNextUpdate().toInstant());
        }
        Object status = single.getCertStatus();
        if (status == null) {
          return new Status(RevocationStatus.GOOD, "OCSP " + url + ": good", false);
        }
        if (status instanceof RevokedStatus revoked) {
          Date invalidity = invalidityDate(single);
          if (invalidity != null && q.invalidOnlyAfterSigning(invalidity)) {
            return new Status(
                RevocationStatus.GOOD,
                "OCSP " + url + ": revoked with invalidity date after the signing time",
                false);
          }
          return new Status(
              RevocationStatus.REVOKED,
              "OCSP " + url + ": revoked at " + revoked.getRevocationTime().toInstant(),
              false);
        }
        return new Status(
            RevocationStatus.UNKNOWN,
            "OCSP " + url + ": responder does not know the certificate",
            true);
      }
      return unknown("OCSP response from " + url + " does not cover the certificate");
    } catch (IOException e) {
      return unknown("OCSP " + url + ": " + e.getMessage());
    } catch (
        Exception e) { // malformed responses surface as BC runtime and checked exceptions alike
      return unknown("OCSP " + url + ": invalid response: " + e.getMessage());
    }
  }

  private static boolean signedByIssuerOrDelegate(
      BasicOCSPResp basic, X509Certificate issuer, Instant now) throws Exception {
    if (basic.isSignatureValid(
        new JcaContentVerifierProviderBuilder().setProvider(Crypto.provider()).build(issuer))) {
      return true;
    }
    for (X509CertificateHolder holder : basic.getCerts()) {
      X509Certificate responder =
          new JcaX509CertificateConverter().setProvider(Crypto.provider()).getCertificate(holder);
      boolean delegated =
          CertificateRules.ekus(responder).contains(CertificateRules.EKU_OCSP_SIGNING)
              && CertificateRules.sameName(responder, issuer)
              && CertificateRules.signatureProblem(responder, issuer).isEmpty()
              && !now.isBefore(responder.getNotBefore().toInstant())
              && !now.isAfter(responder.getNotAfter().toInstant());
      if (delegated
          && basic.isSignatureValid(
              new JcaContentVerifierProviderBuilder()
                  .setProvider(Crypto.provider())
                  .build(responder))) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable Date invalidityDate(SingleResp single) {
    Extension ext = single.getExtension(Extension.invalidityDate);
    if (ext == null) {
      return null;
    }
    try {
      return ASN1GeneralizedTime.getInstance(ext.getParsedValue()).getDate();
    } catch (Exception e) {
      return null;
    }
  }

  private static Status unknown(String detail) {
    return new Status(RevocationStatus.UNKNOWN, detail, false);
  }
}
