package dev.imagegate.trust;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.jspecify.annotations.Nullable;

/**
 * Verifies raw signatures with a public key: ECDSA (ASN.1 DER signature), RSA PKCS#1 v1.5, RSA-PSS
 * and Ed25519 (pure, no prehash). A malformed signature is a failed verification, never an
 * exception.
 *
 * <p>Uses Bouncy Castle's lightweight API rather than its JCA provider: the same fast ECDSA (about
 * 5x SunEC on this class of machine) without the provider's start-up registration of thousands of
 * algorithms, which a one-image CLI run would otherwise pay for.
 */
public final class Signatures {
  /** Bound on signature size (RSA-16384 is 2 KiB; DER ECDSA P-521 is under 140 bytes). */
  private static final int MAX_SIGNATURE_BYTES = 4096;

  private Signatures() {}

  /**
   * Verifies {@code signature} over {@code data} with the hash the caller fixed (ignored for
   * Ed25519).
   */
  public static boolean verify(
      PublicKey key, SignatureAlgorithm hash, byte[] data, byte[] signature) {
    if (signature == null || signature.length == 0 || signature.length > MAX_SIGNATURE_BYTES) {
      return false;
    }
    AsymmetricKeyParameter params = parameters(key);
    if (params == null) {
      return false; // a key that cannot verify anything (e.g. an EC point off its curve in a
      // signature's certificate)
    }
    return switch (params) {
      case ECPublicKeyParameters ec -> verifyEcdsa(ec, digest(hash), data, signature);
      case RSAKeyParameters rsa -> {
        RSADigestSigner s = new RSADigestSigner(digest(hash));
        s.init(false, rsa);
        s.update(data, 0, data.length);
        yield s.verifySignature(signature);
      }
      case Ed25519PublicKeyParameters ed -> {
        if (!Ed25519.validatePublicKeyFull(ed.getEncoded(), 0)) {
          yield false; // small-order or non-canonical key (e.g. in a certificate): never a signer
        }
        Ed25519Signer s = new Ed25519Signer();
        s.init(false, ed);
        s.update(data, 0, data.length);
        yield s.verifySignature(signature);
      }
      default ->
          throw new TrustMaterialException("unsupported key algorithm " + key.getAlgorithm());
    };
  }

  /**
   * Verifies an ECDSA (DER signature) or RSA PKCS#1 v1.5 signature given only the message digest,
   * as Sigstore bundles need when the artifact is known by digest; false for other keys and
   * malformed input.
   */
  public static boolean verifyPrehashed(
      PublicKey key, SignatureAlgorithm hash, byte[] digest, byte[] signature) {
    if (signature == null || signature.length == 0 || signature.length > MAX_SIGNATURE_BYTES) {
      return false;
    }
    AsymmetricKeyParameter params = parameters(key);
    if (params instanceof ECPublicKeyParameters ec) {
      BigInteger[] rs = derSignature(signature);
      if (rs == null) {
        return false;
      }
      ECDSASigner signer = new ECDSASigner();
      signer.init(false, ec);
      try {
        return signer.verifySignature(digest, rs[0], rs[1]);
      } catch (RuntimeException malformed) {
        return false;
      }
    }
    if (params instanceof RSAKeyParameters rsa) {
      try {
        org.bouncycastle.crypto.encodings.PKCS1Encoding pkcs1 =
            new org.bouncycastle.crypto.encodings.PKCS1Encoding(new RSABlindedEngine());
        pkcs1.init(false, rsa);
        byte[] recovered = pkcs1.processBlock(signature, 0, signature.length);
        byte[] expected =
            new org.bouncycastle.asn1.x509.DigestInfo(
                    new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                        digestOid(hash), org.bouncycastle.asn1.DERNull.INSTANCE),
                    digest)
                .getEncoded("DER");
        return java.security.MessageDigest.isEqual(recovered, expected);
      } catch (org.bouncycastle.crypto.InvalidCipherTextException
          | IOException
          | RuntimeException malformed) {
        return false;
      }
    }
    return false;
  }

  private static org.bouncycastle.asn1.ASN1ObjectIdentifier digestOid(SignatureAlgorithm hash) {
    return switch (hash) {
      case SHA224 -> org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha224;
      case SHA256 -> org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256;
      case SHA384 -> org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha384;
      case SHA512 -> org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha512;
    };
  }

  /**
   * RSASSA-PSS with the given hash (MGF1 with the same hash, salt length = hash length), as Notary
   * uses.
   */
  public static boolean verifyRsaPss(
      PublicKey key, SignatureAlgorithm hash, byte[] data, byte[] signature) {
    if (!(parameters(key) instanceof RSAKeyParameters rsa)
        || signature == null
        || signature.length > MAX_SIGNATURE_BYTES) {
      return false;
    }
    Digest d = digest(hash);
    PSSSigner s = new PSSSigner(new RSABlindedEngine(), d, digest(hash), d.getDigestSize());
    s.init(false, rsa);
    s.update(data, 0, data.length);
    try {
      return s.verifySignature(signature);
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  private static boolean verifyEcdsa(
      ECPublicKeyParameters ec, Digest digest, byte[] data, byte[] der) {
    BigInteger[] rs = derSignature(der);
    return rs != null && verifyEcdsa(ec, digest, data, rs[0], rs[1]);
  }

  /** (r, s) of a strictly DER-encoded ECDSA signature, or null when malformed. */
  private static BigInteger @Nullable [] derSignature(byte[] der) {
    try {
      ASN1Primitive p = ASN1Primitive.fromByteArray(der);
      if (!(p instanceof ASN1Sequence seq) || seq.size() != 2) {
        return null;
      }
      // Strict DER: re-encoding must give the same bytes (no BER or trailing-garbage malleability).
      if (!java.util.Arrays.equals(p.getEncoded("DER"), der)) {
        return null;
      }
      // Signed values, as Go reads them: an INTEGER written negative (a top-bit-set r or s without
      // its
      // 0x00 pad) is a second spelling of the same signature under an unsigned reading; reject it.
      BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
      BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
      if (r.signum() <= 0 || s.signum() <= 0) {
        return null;
      }
      return new BigInteger[] {r, s};
    } catch (IOException | RuntimeException malformed) {
      return null;
    }
  }

  private static boolean verifyEcdsa(
      ECPublicKeyParameters ec, Digest digest, byte[] data, BigInteger r, BigInteger s) {
    byte[] hash = new byte[digest.getDigestSize()];
    digest.update(data, 0, data.length);
    digest.doFinal(hash, 0);
    ECDSASigner signer = new ECDSASigner();
    signer.init(false, ec);
    try {
      return signer.verifySignature(hash, r, s);
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  /**
   * Bouncy Castle parameters of the key, or null when the key is malformed or an EC key is not on
   * P-256, P-384 or P-521 (the curves cosign and Notary sign with; Go refuses other curves).
   */
  private static @Nullable AsymmetricKeyParameter parameters(PublicKey key) {
    try {
      AsymmetricKeyParameter p = PublicKeyFactory.createKey(key.getEncoded());
      if (p instanceof ECPublicKeyParameters ec && !PublicKeys.isSupportedCurve(ec)) {
        return null;
      }
      return p;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Digest digest(SignatureAlgorithm hash) {
    return switch (hash) {
      case SHA224 -> new SHA224Digest();
      case SHA256 -> new SHA256Digest();
      case SHA384 -> new SHA384Digest();
      case SHA512 -> new SHA512Digest();
    };
  }
}
