package dev.imagegate.trust;

import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Loads public keys from PEM text: SPKI {@code PUBLIC KEY}, PKCS#1 {@code RSA PUBLIC KEY}, or a
 * certificate's key.
 */
public final class PublicKeys {
  private PublicKeys() {}

  /**
   * All keys in a PEM text (several keys may be listed in one Kyverno {@code publicKeys} value).
   */
  public static List<PublicKey> parseAll(String pem) {
    List<PublicKey> keys = new ArrayList<>();
    for (Pem.Block b : Pem.decode(pem)) {
      switch (b.label()) {
        case "PUBLIC KEY" -> keys.add(fromSpki(b.der()));
        case "RSA PUBLIC KEY" -> keys.add(fromPkcs1Rsa(b.der()));
        case "CERTIFICATE" -> keys.add(Certificates.parse(b.der()).getPublicKey());
        case "EC PRIVATE KEY",
            "PRIVATE KEY",
            "ENCRYPTED SIGSTORE PRIVATE KEY",
            "ENCRYPTED COSIGN PRIVATE KEY" ->
            throw new TrustMaterialException(
                "a private key was given where a public key is expected (PEM '" + b.label() + "')");
        default ->
            throw new TrustMaterialException(
                "unsupported PEM block '" + b.label() + "' where a public key is expected");
      }
    }
    if (keys.isEmpty()) {
      throw new TrustMaterialException("no PEM public key found");
    }
    return keys;
  }

  /** Exactly one key. */
  public static PublicKey parse(String pem) {
    List<PublicKey> keys = parseAll(pem);
    if (keys.size() != 1) {
      throw new TrustMaterialException("expected one public key, found " + keys.size());
    }
    return keys.get(0);
  }

  /**
   * Reads a DER SubjectPublicKeyInfo. Refused (decided as Go's parser, or stricter; see
   * docs/security.md): algorithms other than ECDSA, RSA and Ed25519; RSA keys restricted to PSS
   * (id-RSASSA-PSS); EC keys not on P-256, P-384 or P-521 by name (other curves, explicit
   * parameters); EC points off their curve; Ed25519 keys that are not canonical or of small order.
   */
  public static PublicKey fromSpki(byte[] der) {
    String alg;
    SubjectPublicKeyInfo spki;
    try {
      spki = SubjectPublicKeyInfo.getInstance(der);
      alg = algorithmOf(spki);
    } catch (TrustMaterialException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new TrustMaterialException("public key is not a valid SubjectPublicKeyInfo", e);
    }
    if (alg.equals("EC") && !NAMED_CURVES.contains(spki.getAlgorithm().getParameters())) {
      throw new TrustMaterialException(
          "unsupported EC public key: only the named curves P-256, P-384 and P-521 are accepted");
    }
    if (alg.equals("Ed25519")
        && (spki.getPublicKeyData().getPadBits() != 0
            || spki.getPublicKeyData().getOctets().length != 32
            || !org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFull(
                spki.getPublicKeyData().getOctets(), 0))) {
      throw new TrustMaterialException(
          "invalid Ed25519 public key: not a canonical encoding of a point of large order");
    }
    try {
      // The JDK key factories hold the key; verification uses Bouncy Castle's lightweight API. The
      // JDK does not check that an EC point lies on its curve, so Bouncy Castle validates the key
      // here, at load time.
      PublicKey key = KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
      org.bouncycastle.crypto.util.PublicKeyFactory.createKey(der);
      return key;
    } catch (NoSuchAlgorithmException
        | InvalidKeySpecException
        | java.io.IOException
        | RuntimeException e) {
      throw new TrustMaterialException(
          "invalid or unsupported public key (" + alg + "): " + e.getMessage(), e);
    }
  }

  private static PublicKey fromPkcs1Rsa(byte[] der) {
    try {
      RSAPublicKey rsa = RSAPublicKey.getInstance(der);
      SubjectPublicKeyInfo spki =
          new SubjectPublicKeyInfo(
              new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), rsa);
      return fromSpki(spki.getEncoded());
    } catch (java.io.IOException | RuntimeException e) {
      throw new TrustMaterialException("invalid PKCS#1 RSA public key", e);
    }
  }

  private static String algorithmOf(SubjectPublicKeyInfo spki) {
    String oid = spki.getAlgorithm().getAlgorithm().getId();
    return switch (oid) {
      case "1.2.840.10045.2.1" -> "EC";
      case "1.2.840.113549.1.1.1" -> "RSA"; // not id-RSASSA-PSS (.10): Go does not read it either
      case "1.3.101.112" -> "Ed25519";
      default -> throw new TrustMaterialException("unsupported public key algorithm OID " + oid);
    };
  }

  private static final java.util.Set<org.bouncycastle.asn1.ASN1Encodable> NAMED_CURVES =
      java.util.Set.of(
          org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1,
          org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp384r1,
          org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp521r1);

  private static final List<org.bouncycastle.math.ec.ECCurve> CURVES =
      java.util.stream.Stream.of("secp256r1", "secp384r1", "secp521r1")
          .map(n -> org.bouncycastle.asn1.sec.SECNamedCurves.getByName(n).getCurve())
          .toList();

  /** Whether an EC key lies on P-256, P-384 or P-521 (the curves cosign and Notary sign with). */
  static boolean isSupportedCurve(org.bouncycastle.crypto.params.ECPublicKeyParameters ec) {
    return CURVES.stream().anyMatch(c -> c.equals(ec.getParameters().getCurve()));
  }

  /** DER SubjectPublicKeyInfo bytes, the canonical form for comparing keys. */
  public static byte[] spki(PublicKey key) {
    return key.getEncoded();
  }

  /**
   * Lower-case hex SHA-256 of the SPKI DER (Rekor log IDs, CT log IDs, key identities in messages).
   */
  public static String sha256Hex(PublicKey key) {
    return HexFormat.of().formatHex(sha256(key.getEncoded()));
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A short human description: {@code ECDSA P-256 key sha256:1a2b3c4d...}. */
  public static String describe(PublicKey key) {
    String kind =
        switch (key.getAlgorithm()) {
          case "EC", "ECDSA" -> "ECDSA " + curveName(key);
          case "RSA" ->
              "RSA-" + ((java.security.interfaces.RSAPublicKey) key).getModulus().bitLength();
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> key.getAlgorithm();
        };
    return kind + " key " + sha256Hex(key).substring(0, 16);
  }

  static String curveName(PublicKey key) {
    if (key instanceof java.security.interfaces.ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return switch (bits) {
        case 256 -> "P-256";
        case 384 -> "P-384";
        case 521 -> "P-521";
        default -> "EC-" + bits;
      };
    }
    return "?";
  }

  /** Curve field size in bits for EC keys, 0 otherwise. */
  public static int ecFieldBits(PublicKey key) {
    return key instanceof java.security.interfaces.ECPublicKey ec
        ? ec.getParams().getCurve().getField().getFieldSize()
        : 0;
  }
}
