package dev.imagegate.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.junit.jupiter.api.Test;

/**
 * Crypto edge cases at the key loader and signature verifier every cosign key check uses ({@link
 * PublicKeys} for {@code --key}/Kyverno {@code publicKeys}, {@link Signatures} for the signature).
 * Each case is decided as cosign (Go crypto, sigstore-go) decides, or stricter; docs/security.md
 * lists the decisions.
 */
class CryptoEdgeCasesTest {
  private static final byte[] DATA = "payload".getBytes(StandardCharsets.UTF_8);
  private static final BigInteger P256_N = CustomNamedCurves.getByName("secp256r1").getN();

  private static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  private static byte[] sign(String alg, KeyPair kp) throws Exception {
    Signature s = Signature.getInstance(alg);
    s.initSign(kp.getPrivate());
    s.update(DATA);
    return s.sign();
  }

  private static BigInteger[] rs(byte[] der) {
    ASN1Sequence seq = ASN1Sequence.getInstance(der);
    return new BigInteger[] {
      ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(),
      ASN1Integer.getInstance(seq.getObjectAt(1)).getValue()
    };
  }

  private static byte[] der(BigInteger r, BigInteger s) throws Exception {
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(r));
    v.add(new ASN1Integer(s));
    return new DERSequence(v).getEncoded("DER");
  }

  private static PublicKey load(PublicKey jdk) {
    return PublicKeys.parse(Pem.encode("PUBLIC KEY", jdk.getEncoded()));
  }

  /** Go's crypto/ecdsa (cosign, notation) accepts s > n/2; so does imagegate (no low-S rule). */
  @Test
  void ecdsaHighSIsAcceptedAsCosignDoes() throws Exception {
    KeyPair kp = ec("secp256r1");
    BigInteger[] rs = rs(sign("SHA256withECDSA", kp));
    BigInteger low = rs[1].min(P256_N.subtract(rs[1]));
    BigInteger high = P256_N.subtract(low);
    PublicKey key = load(kp.getPublic());
    assertThat(Signatures.verify(key, SignatureAlgorithm.SHA256, DATA, der(rs[0], low))).isTrue();
    assertThat(Signatures.verify(key, SignatureAlgorithm.SHA256, DATA, der(rs[0], high))).isTrue();
  }

  /**
   * Only strict DER verifies (Go's VerifyASN1 rejects BER, trailing bytes and negative integers):
   * long-form lengths, padded integers, trailing bytes, an INTEGER written negative whose unsigned
   * reading is r, zero and out-of-range values all fail.
   */
  @Test
  void ecdsaNonCanonicalDerIsRejected() throws Exception {
    KeyPair kp = ec("secp256r1");
    byte[] good = sign("SHA256withECDSA", kp);
    BigInteger[] rs = rs(good);
    PublicKey key = load(kp.getPublic());
    assertThat(Signatures.verify(key, SignatureAlgorithm.SHA256, DATA, good)).isTrue();

    byte[] longForm = new byte[good.length + 1];
    longForm[0] = 0x30;
    longForm[1] = (byte) 0x81;
    longForm[2] = good[1];
    System.arraycopy(good, 2, longForm, 3, good.length - 2);
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    byte[] padded = paddedR(rs[0], rs[1]);
    for (byte[] bad :
        new byte[][] {
          longForm,
          trailing,
          padded,
          der(BigInteger.ZERO, rs[1]),
          der(rs[0], BigInteger.ZERO),
          der(rs[0].add(P256_N), rs[1]),
          der(rs[0], rs[1].add(P256_N)),
          der(rs[0].negate(), rs[1]),
        }) {
      assertThat(Signatures.verify(key, SignatureAlgorithm.SHA256, DATA, bad))
          .as(HexFormat.of().formatHex(bad))
          .isFalse();
      assertThat(Signatures.verifyPrehashed(key, SignatureAlgorithm.SHA256, sha256(DATA), bad))
          .as(HexFormat.of().formatHex(bad))
          .isFalse();
    }
  }

  /**
   * An r (or s) with its top bit set is DER-encoded with a leading zero; the same bytes without it
   * are a valid DER INTEGER that is negative. Reading it unsigned would accept a second encoding of
   * the same signature (malleability); Go reads it as negative and rejects it, and so must we.
   */
  @Test
  void ecdsaNegativeIntegerEncodingIsRejected() throws Exception {
    for (int attempt = 0; attempt < 64; attempt++) {
      KeyPair kp = ec("secp256r1");
      byte[] good = sign("SHA256withECDSA", kp);
      BigInteger[] rs = rs(good);
      if (rs[0].bitLength() != 256) {
        continue; // need r with its top bit set so that DER pads it with 0x00
      }
      BigInteger negative = new BigInteger(strip(rs[0]));
      byte[] bad = der(negative, rs[1]);
      PublicKey key = load(kp.getPublic());
      assertThat(Signatures.verify(key, SignatureAlgorithm.SHA256, DATA, good)).isTrue();
      assertThat(Signatures.verify(key, SignatureAlgorithm.SHA256, DATA, bad)).isFalse();
      assertThat(Signatures.verifyPrehashed(key, SignatureAlgorithm.SHA256, sha256(DATA), bad))
          .isFalse();
      return;
    }
    throw new AssertionError("no signature with a 256-bit r in 64 attempts");
  }

  private static byte[] strip(BigInteger v) {
    byte[] b = v.toByteArray();
    return Arrays.copyOfRange(b, 1, b.length); // drop the 0x00 sign byte: two's complement negative
  }

  private static byte[] paddedR(BigInteger r, BigInteger s) throws Exception {
    byte[] rb = r.toByteArray();
    byte[] padded = new byte[rb.length + 1];
    System.arraycopy(rb, 0, padded, 1, rb.length);
    byte[] sb = new ASN1Integer(s).getEncoded("DER");
    byte[] body = new byte[2 + padded.length + sb.length];
    body[0] = 0x02;
    body[1] = (byte) padded.length;
    System.arraycopy(padded, 0, body, 2, padded.length);
    System.arraycopy(sb, 0, body, 2 + padded.length, sb.length);
    byte[] out = new byte[2 + body.length];
    out[0] = 0x30;
    out[1] = (byte) body.length;
    System.arraycopy(body, 0, out, 2, body.length);
    return out;
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return java.security.MessageDigest.getInstance("SHA-256").digest(data);
  }

  /**
   * cosign verifies RSA keys with PKCS#1 v1.5 and Notary with PSS only: a PSS signature never
   * passes the PKCS#1 v1.5 check and a PKCS#1 v1.5 signature never passes the PSS check.
   */
  @Test
  void rsaPkcs1AndPssAreNotInterchangeable() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair kp = g.generateKeyPair();
    PublicKey key = load(kp.getPublic());
    byte[] pkcs1 = sign("SHA256withRSA", kp);
    Signature pss = Signature.getInstance("RSASSA-PSS");
    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    pss.initSign(kp.getPrivate());
    pss.update(DATA);
    byte[] pssSig = pss.sign();
    assertThat(Signatures.verify(key, SignatureAlgorithm.SHA256, DATA, pkcs1)).isTrue();
    assertThat(Signatures.verifyRsaPss(key, SignatureAlgorithm.SHA256, DATA, pssSig)).isTrue();
    assertThat(Signatures.verify(key, SignatureAlgorithm.SHA256, DATA, pssSig)).isFalse();
    assertThat(Signatures.verifyRsaPss(key, SignatureAlgorithm.SHA256, DATA, pkcs1)).isFalse();
    assertThat(Signatures.verifyPrehashed(key, SignatureAlgorithm.SHA256, sha256(DATA), pssSig))
        .isFalse();
  }

  /**
   * A key whose SPKI says id-RSASSA-PSS (a PSS-only key) is refused as a cosign key: Go's
   * ParsePKIXPublicKey does not read it, and using it for PKCS#1 v1.5 would ignore its restriction.
   */
  @Test
  void rsaPssOnlyKeyIsRefused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair kp = g.generateKeyPair();
    SubjectPublicKeyInfo rsa = SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded());
    SubjectPublicKeyInfo pssOnly =
        new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams()),
            rsa.getPublicKeyData().getBytes());
    assertThatThrownBy(() -> PublicKeys.fromSpki(pssOnly.getEncoded()))
        .isInstanceOf(TrustMaterialException.class);
  }

  /**
   * Ed25519 public keys of small order (the identity and the other torsion points) make signatures
   * that verify for many messages; non-canonical encodings (y >= p) are a second spelling of a key.
   * Go accepts both; imagegate refuses both at load time (stricter).
   */
  @Test
  void ed25519SmallOrderAndNonCanonicalKeysAreRefused() {
    String[] keys = {
      "0100000000000000000000000000000000000000000000000000000000000000", // identity (order 1)
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
      "0000000000000000000000000000000000000000000000000000000000000080", // order 4
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 1 (identity)
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p (non-canonical 0)
    };
    for (String hex : keys) {
      byte[] spki = ed25519Spki(HexFormat.of().parseHex(hex));
      assertThatThrownBy(() -> PublicKeys.fromSpki(spki))
          .as(hex)
          .isInstanceOf(TrustMaterialException.class);
    }
  }

  /** A valid Ed25519 key still loads and verifies; S >= L (non-canonical scalar) never verifies. */
  @Test
  void ed25519NonCanonicalSignatureScalarIsRejected() throws Exception {
    KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    PublicKey key = load(kp.getPublic());
    byte[] sig = sign("Ed25519", kp);
    assertThat(Signatures.verify(key, SignatureAlgorithm.SHA256, DATA, sig)).isTrue();
    BigInteger l =
        BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    byte[] sLe = Arrays.copyOfRange(sig, 32, 64);
    BigInteger s = new BigInteger(1, reverse(sLe)).add(l);
    byte[] bumped = Arrays.copyOf(sig, 64);
    byte[] sPlusL = reverse(toFixed(s, 32));
    System.arraycopy(sPlusL, 0, bumped, 32, 32);
    assertThat(Signatures.verify(key, SignatureAlgorithm.SHA256, DATA, bumped)).isFalse();
  }

  private static byte[] ed25519Spki(byte[] raw) {
    try {
      return new SubjectPublicKeyInfo(
              new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw)
          .getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] reverse(byte[] b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[b.length - 1 - i];
    }
    return out;
  }

  private static byte[] toFixed(BigInteger v, int len) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[len];
    int n = Math.min(b.length, len);
    System.arraycopy(b, b.length - n, out, len - n, n);
    return out;
  }

  /** A point not on the curve is refused when the key is loaded (the JDK would not check). */
  @Test
  void ecKeyOffTheCurveIsRefused() throws Exception {
    KeyPair kp = ec("secp256r1");
    byte[] spki = kp.getPublic().getEncoded();
    byte[] off = spki.clone();
    off[off.length - 1] ^= 1; // flip a bit of y: (x, y') is not on P-256
    assertThatThrownBy(() -> PublicKeys.fromSpki(off)).isInstanceOf(TrustMaterialException.class);
  }

  /**
   * cosign's keys are ECDSA on P-256, P-384 or P-521 by name: another named curve (secp256k1,
   * brainpool) and explicit curve parameters (even those of P-256) are refused, like Go's parser.
   */
  @Test
  void ecKeyOnAnotherCurveOrWithExplicitParametersIsRefused() throws Exception {
    X9ECParameters k1 = CustomNamedCurves.getByName("secp256k1");
    byte[] k1Point = k1.getG().multiply(BigInteger.valueOf(7)).getEncoded(false);
    byte[] k1Spki =
        new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(
                    X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256k1),
                k1Point)
            .getEncoded();
    assertThatThrownBy(() -> PublicKeys.fromSpki(k1Spki))
        .isInstanceOf(TrustMaterialException.class);

    X9ECParameters p256 = CustomNamedCurves.getByName("secp256r1");
    KeyPair kp = ec("secp256r1");
    byte[] point =
        SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()).getPublicKeyData().getBytes();
    byte[] explicit =
        new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(
                    X9ObjectIdentifiers.id_ecPublicKey, new X962Parameters(p256)),
                point)
            .getEncoded();
    assertThatThrownBy(() -> PublicKeys.fromSpki(explicit))
        .isInstanceOf(TrustMaterialException.class);
  }

  /** A P-384 signature never verifies under a P-256 key, whatever hash the caller fixes. */
  @Test
  void signatureFromAnotherCurveFails() throws Exception {
    KeyPair p256 = ec("secp256r1");
    KeyPair p384 = ec("secp384r1");
    byte[] sig384 = sign("SHA384withECDSA", p384);
    for (SignatureAlgorithm h : SignatureAlgorithm.values()) {
      assertThat(Signatures.verify(load(p256.getPublic()), h, DATA, sig384)).isFalse();
    }
  }
}
