package dev.imagegate.trust;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** X.509 certificate parsing from DER and PEM. */
public final class Certificates {
  /**
   * Bound on certificates accepted from one PEM text (chains are short; CVE-2026-32280 style floods
   * are not).
   */
  public static final int MAX_CERTIFICATES = 32;

  private Certificates() {}

  /**
   * One DER certificate. A negative serial number is refused as Go's crypto/x509 (cosign, notation)
   * refuses it: RFC 5280 requires a positive serial. Longer serials than RFC 5280's 20 octets are
   * read, as Go reads them.
   */
  public static X509Certificate parse(byte[] der) {
    X509Certificate cert;
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      cert = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new TrustMaterialException("invalid X.509 certificate: " + e.getMessage(), e);
    }
    if (cert.getSerialNumber().signum() < 0) {
      throw new TrustMaterialException("invalid X.509 certificate: negative serial number");
    }
    return cert;
  }

  /** Every CERTIFICATE block in a PEM text, in order. */
  public static List<X509Certificate> parsePem(String pem) {
    List<X509Certificate> certs = new ArrayList<>();
    for (Pem.Block b : Pem.decode(pem)) {
      if (!b.label().equals("CERTIFICATE")) {
        throw new TrustMaterialException(
            "expected CERTIFICATE PEM blocks, found '" + b.label() + "'");
      }
      if (certs.size() == MAX_CERTIFICATES) {
        throw new TrustMaterialException(
            "more than " + MAX_CERTIFICATES + " certificates in one PEM text");
      }
      certs.add(parse(b.der()));
    }
    if (certs.isEmpty()) {
      throw new TrustMaterialException("no PEM certificate found");
    }
    return certs;
  }

  /** Lower-case hex SHA-256 over the DER encoding, as notation prints fingerprints. */
  public static String sha256Fingerprint(X509Certificate cert) {
    try {
      return HexFormat.of().formatHex(PublicKeys.sha256(cert.getEncoded()));
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
