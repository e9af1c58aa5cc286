package dev.imagegate.sigstore.internal;

import dev.imagegate.trust.Crypto;
import dev.imagegate.trust.PublicKeys;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/**
 * Signature verification over a precomputed digest, which bundles need: the signer signed an artifact the
 * verifier may know only by digest. ECDSA and RSA PKCS#1 v1.5 sign a digest anyway; Ed25519 signs the message
 * itself, so it cannot be checked from a digest.
 */
public final class SignatureCheck {
  private SignatureCheck() {}

  /** The hash the Sigstore algorithm registry pairs with a key: by curve for ECDSA, SHA-256 for RSA, none for Ed25519. */
  public static String defaultHash(PublicKey key) {
    return switch (key.getAlgorithm()) {
      case "EC", "ECDSA" -> switch (PublicKeys.ecFieldBits(key)) {
        case 384 -> "SHA-384";
        case 521 -> "SHA-512";
        default -> "SHA-256";
      };
      case "RSA" -> "SHA-256";
      default -> null;
    };
  }

  public static boolean isEd25519(PublicKey key) {
    return key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA");
  }

  /** Verifies a signature over {@code data}: hashed with {@code jcaHash} for ECDSA/RSA, pure for Ed25519. */
  public static boolean overMessage(PublicKey key, String jcaHash, byte[] data, byte[] sig) {
    if (isEd25519(key)) {
      return dev.imagegate.trust.Signatures.verify(key, dev.imagegate.trust.SignatureAlgorithm.SHA256, data, sig);
    }
    return overDigest(key, jcaHash, Digests.digest(jcaHash, data), sig);
  }

  /** Verifies an ECDSA or RSA PKCS#1 v1.5 signature given the message digest; false for Ed25519 and malformed input. */
  public static boolean overDigest(PublicKey key, String jcaHash, byte[] digest, byte[] sig) {
    try {
      return switch (key.getAlgorithm()) {
        case "EC", "ECDSA" -> verify("NONEwithECDSA", key, digest, sig);
        case "RSA" -> verify("NONEwithRSA", key, digestInfo(jcaHash, digest), sig);
        default -> false;
      };
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] digestInfo(String jcaHash, byte[] digest) throws IOException {
    var oid = switch (jcaHash) {
      case "SHA-256" -> NISTObjectIdentifiers.id_sha256;
      case "SHA-384" -> NISTObjectIdentifiers.id_sha384;
      case "SHA-512" -> NISTObjectIdentifiers.id_sha512;
      default -> throw new IllegalArgumentException("unsupported hash " + jcaHash);
    };
    return new DigestInfo(new AlgorithmIdentifier(oid, DERNull.INSTANCE), digest).getEncoded("DER");
  }

  private static boolean verify(String alg, PublicKey key, byte[] data, byte[] sig) {
    try {
      Signature s = Signature.getInstance(alg, Crypto.provider());
      s.initVerify(key);
      s.update(data);
      return s.verify(sig);
    } catch (java.security.SignatureException | java.security.InvalidKeyException e) {
      return false;
    } catch (IllegalArgumentException e) {
      return false; // BC rejects an unusable key (e.g. an EC point off the curve) only when verification starts
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(alg + " unavailable", e);
    }
  }
}
