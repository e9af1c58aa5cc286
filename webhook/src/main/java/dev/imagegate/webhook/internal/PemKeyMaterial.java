package dev.imagegate.webhook.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A server certificate chain and its private key, read from PEM files as Kubernetes TLS secrets and
 * cert-manager write them. Keys may be PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE
 * KEY}, cert-manager's default) or SEC1 EC ({@code EC PRIVATE KEY}); encrypted keys are refused.
 */
public record PemKeyMaterial(PrivateKey key, X509Certificate[] chain) {

  public X509Certificate leaf() {
    return chain[0];
  }

  /**
   * Reads and cross-checks both files.
   *
   * @throws TlsMaterialException when a file is missing, unparsable, or the key does not belong to
   *     the leaf certificate (typical while a rotation has replaced one file but not yet the other)
   */
  public static PemKeyMaterial load(Path certFile, Path keyFile) {
    X509Certificate[] chain = readChain(certFile);
    PrivateKey key = readKey(keyFile);
    if (!keyMatchesCertificate(key, chain[0])) {
      throw new TlsMaterialException(
          "private key "
              + keyFile
              + " does not belong to certificate "
              + certFile
              + " ("
              + chain[0].getSubjectX500Principal()
              + ")");
    }
    return new PemKeyMaterial(key, chain);
  }

  private static X509Certificate[] readChain(Path certFile) {
    try {
      byte[] pem = Files.readAllBytes(certFile);
      List<X509Certificate> certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem))
              .stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (certificates.isEmpty()) {
        throw new TlsMaterialException("no certificate in " + certFile);
      }
      return certificates.toArray(X509Certificate[]::new);
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsMaterialException(
          "cannot read certificate " + certFile + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey readKey(Path keyFile) {
    try (PEMParser parser =
        new PEMParser(new StringReader(Files.readString(keyFile, StandardCharsets.US_ASCII)))) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof PEMKeyPair pair) {
          // SEC1 keys may omit the public key; the private key info is always there.
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (item instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        // EC PARAMETERS blocks precede SEC1 keys written by openssl; skip them and anything else
        // unrelated.
      }
      throw new TlsMaterialException("no unencrypted private key in " + keyFile);
    } catch (IOException e) {
      throw new TlsMaterialException(
          "cannot read private key " + keyFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * Signs a probe with the key and verifies it with the certificate: works for RSA, EC and EdDSA
   * alike.
   */
  private static boolean keyMatchesCertificate(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
    if (algorithm == null) {
      return true; // unknown key type: let the TLS handshake be the judge
    }
    try {
      byte[] probe = "imagegate key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Broken or inconsistent TLS files. */
  public static final class TlsMaterialException extends RuntimeException {
    public TlsMaterialException(String message) {
      super(message);
    }

    public TlsMaterialException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
