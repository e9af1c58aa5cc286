package dev.imagegate.peers;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate for {@code localhost} and {@code 127.0.0.1}, valid from an hour
 * ago for a day, as cert-manager would issue one for a webhook in a cluster: what a local webhook
 * serves, and what its client trusts (the API server's {@code caBundle}).
 *
 * @param keys the certificate's key pair (EC P-256 or RSA 2048)
 */
public record ServingCertificate(X509Certificate certificate, KeyPair keys) {

  /**
   * Issues one.
   *
   * @param algorithm {@code EC} (P-256, SHA256withECDSA) or {@code RSA} (2048 bits, SHA256withRSA)
   * @throws GeneralSecurityException when the JDK lacks the algorithm
   */
  public static ServingCertificate issue(String commonName, String algorithm)
      throws GeneralSecurityException {
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
      return new ServingCertificate(
          new JcaX509CertificateConverter().getCertificate(builder.build(signer)), keys);
    } catch (OperatorCreationException | IOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** The certificate as PEM. */
  public String certificatePem() {
    return pem(certificate);
  }

  /** The private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), as Kubernetes TLS secrets hold. */
  public String pkcs8KeyPem() {
    try {
      return pem(new JcaPKCS8Generator(keys.getPrivate(), null));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the key: " + e.getMessage(), e);
    }
  }

  /** PEM text of a certificate, key or {@code PemObject} that Bouncy Castle's writer knows. */
  public static String pem(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write PEM: " + e.getMessage(), e);
    }
    return text.toString();
  }

  /**
   * A TLS client context trusting exactly {@code certificates}.
   *
   * @throws GeneralSecurityException when the JDK lacks PKCS12 or TLS
   */
  public static SSLContext trusting(X509Certificate... certificates)
      throws GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try {
      trust.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
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
