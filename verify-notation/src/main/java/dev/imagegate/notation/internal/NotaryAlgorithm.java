package dev.imagegate.notation.internal;

import dev.imagegate.trust.SignatureAlgorithm;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.jspecify.annotations.Nullable;

/**
 * The six signature algorithms of the Notary Project signature specification. The algorithm is
 * fixed by the leaf key (type and size) and must equal the envelope's {@code alg}: that equality is
 * the guard against algorithm substitution.
 */
public enum NotaryAlgorithm {
  RSASSA_PSS_SHA_256(
      "RSASSA-PSS-SHA-256", "PS256", -37, true, 2048, SignatureAlgorithm.SHA256, "SHA-256"),
  RSASSA_PSS_SHA_384(
      "RSASSA-PSS-SHA-384", "PS384", -38, true, 3072, SignatureAlgorithm.SHA384, "SHA-384"),
  RSASSA_PSS_SHA_512(
      "RSASSA-PSS-SHA-512", "PS512", -39, true, 4096, SignatureAlgorithm.SHA512, "SHA-512"),
  ECDSA_SHA_256("ECDSA-SHA-256", "ES256", -7, false, 256, SignatureAlgorithm.SHA256, "SHA-256"),
  ECDSA_SHA_384("ECDSA-SHA-384", "ES384", -35, false, 384, SignatureAlgorithm.SHA384, "SHA-384"),
  ECDSA_SHA_512("ECDSA-SHA-512", "ES512", -36, false, 521, SignatureAlgorithm.SHA512, "SHA-512");

  private final String displayName;
  private final String jwsName;
  private final int coseId;
  private final boolean rsa;
  private final int keyBits;
  private final SignatureAlgorithm hash;
  private final String jcaDigest;

  NotaryAlgorithm(
      String displayName,
      String jwsName,
      int coseId,
      boolean rsa,
      int keyBits,
      SignatureAlgorithm hash,
      String jcaDigest) {
    this.displayName = displayName;
    this.jwsName = jwsName;
    this.coseId = coseId;
    this.rsa = rsa;
    this.keyBits = keyBits;
    this.hash = hash;
    this.jcaDigest = jcaDigest;
  }

  /** Name as {@code notation inspect} prints it, e.g. {@code RSASSA-PSS-SHA-256}. */
  public String displayName() {
    return displayName;
  }

  public String jwsName() {
    return jwsName;
  }

  public int coseId() {
    return coseId;
  }

  public boolean isRsa() {
    return rsa;
  }

  public SignatureAlgorithm hash() {
    return hash;
  }

  /** JCA MessageDigest name of the hash ({@code SHA-256} ...). */
  public String jcaDigest() {
    return jcaDigest;
  }

  /** Digest prefix for blob descriptors ({@code sha256}, ...). */
  public String digestPrefix() {
    return jcaDigest.replace("-", "").toLowerCase(java.util.Locale.ROOT);
  }

  /** Fixed-width byte length of one ECDSA signature half (r or s). */
  int ecdsaHalfLength() {
    return (keyBits + 7) / 8;
  }

  public static @Nullable NotaryAlgorithm fromJws(String name) {
    for (NotaryAlgorithm a : values()) {
      if (a.jwsName.equals(name)) {
        return a;
      }
    }
    return null;
  }

  public static @Nullable NotaryAlgorithm fromCose(int id) {
    for (NotaryAlgorithm a : values()) {
      if (a.coseId == id) {
        return a;
      }
    }
    return null;
  }

  /**
   * The algorithm a leaf key implies, or null with {@link #describeUnsupported} giving the reason.
   * Exactly RSA 2048/3072/4096 and EC P-256/384/521 are accepted, as notation-core-go does.
   */
  public static @Nullable NotaryAlgorithm fromKey(PublicKey key) {
    if (key instanceof RSAPublicKey rsaKey) {
      return switch (rsaKey.getModulus().bitLength()) {
        case 2048 -> RSASSA_PSS_SHA_256;
        case 3072 -> RSASSA_PSS_SHA_384;
        case 4096 -> RSASSA_PSS_SHA_512;
        default -> null;
      };
    }
    if (key instanceof ECPublicKey ecKey) {
      return switch (ecKey.getParams().getCurve().getField().getFieldSize()) {
        case 256 -> ECDSA_SHA_256;
        case 384 -> ECDSA_SHA_384;
        case 521 -> ECDSA_SHA_512;
        default -> null;
      };
    }
    return null;
  }

  public static String describeUnsupported(PublicKey key) {
    if (key instanceof RSAPublicKey rsaKey) {
      return "rsa key size "
          + rsaKey.getModulus().bitLength()
          + " bits is not supported (2048, 3072 or 4096 required)";
    }
    if (key instanceof ECPublicKey ecKey) {
      return "ecdsa key size "
          + ecKey.getParams().getCurve().getField().getFieldSize()
          + " bits is not supported (P-256, P-384 or P-521 required)";
    }
    return "unsupported public key type " + key.getAlgorithm();
  }
}
