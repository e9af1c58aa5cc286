package dev.imagegate.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed server certificates for localhost / 127.0.0.1, written as PEM files the way
 * Kubernetes does.
 */
public final class TestCertificates {
  public enum KeyFormat {
    PKCS8,
    TRADITIONAL
  }

  public record Issued(X509Certificate certificate, KeyPair keys) {}

  private TestCertificates() {}

  public static Issued issue(String commonName, String algorithm) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (algorithm.equals("EC")) {
      generator.initialize(new ECGenParameterSpec("secp256r1"));
    } else {
      generator.initialize(2048);
    }
    KeyPair keys = generator.generateKeyPair();
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=" + commonName);
    try {
      var builder =
          new JcaX509v3CertificateBuilder(
              subject,
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minus(1, ChronoUnit.HOURS)),
              Date.from(now.plus(1, ChronoUnit.DAYS)),
              subject,
              keys.getPublic());
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
      var signer =
          new JcaContentSignerBuilder(algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA")
              .build(keys.getPrivate());
      return new Issued(
          new JcaX509CertificateConverter().getCertificate(builder.build(signer)), keys);
    } catch (Exception e) {
      throw new GeneralSecurityException(e);
    }
  }

  public static void write(Issued issued, Path certFile, Path keyFile, KeyFormat format)
      throws IOException {
    Files.writeString(certFile, pem(issued.certificate()));
    Files.writeString(
        keyFile,
        format == KeyFormat.PKCS8
            ? pem(new JcaPKCS8Generator(issued.keys().getPrivate(), null))
            : traditionalPem(issued.keys()));
  }

  /**
   * PKCS#1 for RSA; SEC1 with the curve named inside for EC, as openssl and cert-manager write
   * them.
   */
  private static String traditionalPem(KeyPair keys) throws IOException {
    if (!keys.getPrivate().getAlgorithm().equals("EC")) {
      return pem(keys.getPrivate());
    }
    var info =
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
    var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
    var withCurve =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
            256, inner.getKey(), info.getPrivateKeyAlgorithm().getParameters());
    return pem(
        new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }

  public static SSLContext trusting(X509Certificate... certificates) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < certificates.length; i++) {
      trust.setCertificateEntry("ca" + i, certificates[i]);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
