package dev.imagegate.testkit;

import dev.imagegate.peers.ServingCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;

/**
 * Self-signed server certificates for localhost / 127.0.0.1 (issued by peers {@link
 * ServingCertificate}, which the CLI's demo uses too), written as PEM files the way Kubernetes
 * does, with the key in either of the formats a TLS secret may hold.
 */
public final class TestCertificates {
  public enum KeyFormat {
    PKCS8,
    TRADITIONAL
  }

  public record Issued(X509Certificate certificate, KeyPair keys) {}

  private TestCertificates() {}

  public static Issued issue(String commonName, String algorithm) throws GeneralSecurityException {
    ServingCertificate c = ServingCertificate.issue(commonName, algorithm);
    return new Issued(c.certificate(), c.keys());
  }

  public static void write(Issued issued, Path certFile, Path keyFile, KeyFormat format)
      throws IOException {
    ServingCertificate c = new ServingCertificate(issued.certificate(), issued.keys());
    Files.writeString(certFile, c.certificatePem());
    Files.writeString(
        keyFile, format == KeyFormat.PKCS8 ? c.pkcs8KeyPem() : traditionalPem(issued.keys()));
  }

  /**
   * PKCS#1 for RSA; SEC1 with the curve named inside for EC, as openssl and cert-manager write
   * them.
   */
  private static String traditionalPem(KeyPair keys) throws IOException {
    if (!keys.getPrivate().getAlgorithm().equals("EC")) {
      return ServingCertificate.pem(keys.getPrivate());
    }
    var info =
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
    var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
    var withCurve =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
            256, inner.getKey(), info.getPrivateKeyAlgorithm().getParameters());
    return ServingCertificate.pem(
        new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
  }

  public static SSLContext trusting(X509Certificate... certificates) throws Exception {
    return ServingCertificate.trusting(certificates);
  }
}
