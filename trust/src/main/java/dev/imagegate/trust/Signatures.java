package dev.imagegate.trust;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Verifies raw signatures with a public key: ECDSA (ASN.1 DER signature), RSA PKCS#1 v1.5, RSA-PSS and
 * Ed25519 (pure, no prehash). A malformed signature is a failed verification, never an exception.
 */
public final class Signatures {
  private Signatures() {}

  /** Verifies {@code signature} over {@code data} with the hash the caller fixed (ignored for Ed25519). */
  public static boolean verify(PublicKey key, SignatureAlgorithm hash, byte[] data, byte[] signature) {
    return verifyJca(key, jcaName(key, hash, false), data, signature);
  }

  /** RSASSA-PSS with the given hash (MGF1 with the same hash, salt length = hash length), as Notary uses. */
  public static boolean verifyRsaPss(PublicKey key, SignatureAlgorithm hash, byte[] data, byte[] signature) {
    return verifyJca(key, jcaName(key, hash, true), data, signature);
  }

  private static String jcaName(PublicKey key, SignatureAlgorithm hash, boolean pss) {
    return switch (key.getAlgorithm()) {
      case "EC", "ECDSA" -> hash.jcaPrefix + "withECDSA";
      case "RSA" -> pss ? hash.jcaPrefix + "withRSAandMGF1" : hash.jcaPrefix + "withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new TrustMaterialException("unsupported key algorithm " + key.getAlgorithm());
    };
  }

  private static boolean verifyJca(PublicKey key, String alg, byte[] data, byte[] signature) {
    try {
      Signature s = Signature.getInstance(alg, Crypto.provider());
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (java.security.SignatureException | java.security.InvalidKeyException e) {
      return false; // malformed signature encoding or a key that cannot verify this: not a match
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signature algorithm " + alg + " unavailable", e);
    }
  }
}
