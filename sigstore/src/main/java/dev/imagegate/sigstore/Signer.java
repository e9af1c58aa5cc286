package dev.imagegate.sigstore;

import java.security.PublicKey;
import java.security.cert.X509Certificate;

/** What produced a signature: a certificate (keyless or certificate-based) or a bare public key. */
public sealed interface Signer {
  PublicKey publicKey();

  /**
   * DER encoding used to compare with the key or certificate recorded in a transparency log entry.
   */
  byte[] der();

  String describe();

  record Certificate(X509Certificate certificate) implements Signer {
    @Override
    public PublicKey publicKey() {
      return certificate.getPublicKey();
    }

    @Override
    public byte[] der() {
      try {
        return certificate.getEncoded();
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String describe() {
      return "certificate serial "
          + certificate.getSerialNumber().toString(16)
          + " issued by '"
          + certificate.getIssuerX500Principal().getName()
          + "'";
    }
  }

  record Key(PublicKey key) implements Signer {
    @Override
    public PublicKey publicKey() {
      return key;
    }

    @Override
    public byte[] der() {
      return key.getEncoded();
    }

    @Override
    public String describe() {
      return dev.imagegate.trust.PublicKeys.describe(key);
    }
  }
}
