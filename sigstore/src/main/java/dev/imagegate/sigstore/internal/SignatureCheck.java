package dev.imagegate.sigstore.internal;

import dev.imagegate.trust.PublicKeys;
import dev.imagegate.trust.SignatureAlgorithm;
import dev.imagegate.trust.Signatures;
import java.security.PublicKey;
import org.jspecify.annotations.Nullable;

/**
 * Signature verification over a precomputed digest, which bundles need: the signer signed an
 * artifact the verifier may know only by digest. ECDSA and RSA PKCS#1 v1.5 sign a digest anyway;
 * Ed25519 signs the message itself, so it cannot be checked from a digest.
 */
public final class SignatureCheck {
  private SignatureCheck() {}

  /**
   * The hash the Sigstore algorithm registry pairs with a key: by curve for ECDSA, SHA-256 for RSA,
   * none for Ed25519.
   */
  public static @Nullable String defaultHash(PublicKey key) {
    return switch (key.getAlgorithm()) {
      case "EC", "ECDSA" ->
          switch (PublicKeys.ecFieldBits(key)) {
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

  /**
   * Verifies a signature over {@code data}: hashed with {@code jcaHash} for ECDSA/RSA, pure for
   * Ed25519.
   */
  public static boolean overMessage(
      PublicKey key, @Nullable String jcaHash, byte[] data, byte[] sig) {
    if (isEd25519(key)) {
      return Signatures.verify(key, SignatureAlgorithm.SHA256, data, sig);
    }
    if (jcaHash == null) {
      throw new IllegalArgumentException("no signature hash for " + PublicKeys.describe(key));
    }
    return overDigest(key, jcaHash, Digests.digest(jcaHash, data), sig);
  }

  /**
   * Verifies an ECDSA or RSA PKCS#1 v1.5 signature given the message digest; false for Ed25519 and
   * malformed input.
   */
  public static boolean overDigest(
      PublicKey key, @Nullable String jcaHash, byte[] digest, byte[] sig) {
    if (jcaHash == null) {
      throw new IllegalArgumentException("no signature hash for " + PublicKeys.describe(key));
    }
    SignatureAlgorithm hash =
        switch (jcaHash) {
          case "SHA-256" -> SignatureAlgorithm.SHA256;
          case "SHA-384" -> SignatureAlgorithm.SHA384;
          case "SHA-512" -> SignatureAlgorithm.SHA512;
          default -> throw new IllegalArgumentException("unsupported hash " + jcaHash);
        };
    // Bouncy Castle's lightweight API (trust.Signatures): no JCA provider start-up on the
    // verification path.
    return Signatures.verifyPrehashed(key, hash, digest, sig);
  }
}
