package dev.imagegate.notation.internal;

import dev.imagegate.base.Result;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.cert.X509Extension;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;

/**
 * URLs a certificate or CRL points at: CRL distribution points, Freshest-CRL (delta CRL) points and
 * OCSP responders. Only {@code http} URLs are used, as notation does; other general names are
 * ignored.
 */
public final class CrlDistributionPoints {
  // Each lookup returns the http URLs found (none when the extension is absent) or why the
  // extension could not be parsed.
  private CrlDistributionPoints() {}

  public static Result<List<URI>> crl(X509Certificate cert) {
    return distributionPoints(cert, Extension.cRLDistributionPoints.getId());
  }

  /** Freshest-CRL of a certificate or a base CRL (both are X509Extension holders). */
  public static Result<List<URI>> freshest(X509Extension holder) {
    return distributionPoints(holder, Extension.freshestCRL.getId());
  }

  public static boolean isDelta(X509CRL crl) {
    return crl.getExtensionValue(Extension.deltaCRLIndicator.getId()) != null;
  }

  public static Result<List<URI>> ocsp(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
    if (ext == null) {
      return Result.ok(List.of());
    }
    try {
      AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(unwrap(ext));
      List<URI> urls = new ArrayList<>();
      for (var ad : aia.getAccessDescriptions()) {
        if (ad.getAccessMethod().equals(X509ObjectIdentifiers.id_ad_ocsp)) {
          httpUri(ad.getAccessLocation(), urls);
        }
      }
      return Result.ok(urls);
    } catch (IOException | RuntimeException e) {
      return Result.err(
          "failed to parse the authority information access extension: " + e.getMessage());
    }
  }

  private static Result<List<URI>> distributionPoints(X509Extension holder, String oid) {
    byte[] ext = holder.getExtensionValue(oid);
    if (ext == null) {
      return Result.ok(List.of());
    }
    try {
      CRLDistPoint points = CRLDistPoint.getInstance(unwrap(ext));
      List<URI> urls = new ArrayList<>();
      for (DistributionPoint dp : points.getDistributionPoints()) {
        DistributionPointName name = dp.getDistributionPoint();
        if (name == null && dp.getCRLIssuer() == null) {
          // RFC 5280 4.2.1.13: a distribution point must name a location or a CRL issuer
          return Result.err(
              "invalid CRL distribution point: neither distributionPoint nor cRLIssuer is present");
        }
        if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
          continue;
        }
        for (GeneralName gn :
            org.bouncycastle.asn1.x509.GeneralNames.getInstance(name.getName()).getNames()) {
          httpUri(gn, urls);
        }
      }
      return Result.ok(urls);
    } catch (IOException | RuntimeException e) {
      return Result.err(
          "failed to parse "
              + (oid.equals(Extension.freshestCRL.getId())
                  ? "Freshest CRL"
                  : "CRL distribution points")
              + " extension: "
              + e.getMessage());
    }
  }

  private static void httpUri(GeneralName gn, List<URI> out) {
    if (gn.getTagNo() != GeneralName.uniformResourceIdentifier) {
      return;
    }
    String s = gn.getName().toString();
    try {
      URI uri = URI.create(s);
      if ("http".equalsIgnoreCase(uri.getScheme())) {
        out.add(uri);
      }
    } catch (IllegalArgumentException e) {
      // an unparsable URL is no distribution point
    }
  }

  private static ASN1Primitive unwrap(byte[] extensionValue) throws IOException {
    return ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extensionValue).getOctets());
  }
}
