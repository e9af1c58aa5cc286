package dev.imagegate.notation.internal;

import dev.imagegate.base.Result;
import dev.imagegate.trust.Certificates;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.Accuracy;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 3161 TimeStampToken (CMS SignedData over a TSTInfo), parsed but not trusted. Verification
 * follows RFC 3161/5816 as tspclient-go does: the signer is located through the
 * signing-certificate-v2 attribute and its chain is built to the TSA roots at genTime.
 */
public final class TimestampToken {
  static final ASN1ObjectIdentifier ID_CT_TSTINFO = PKCSObjectIdentifiers.id_ct_TSTInfo;

  /**
   * ETSI baseline time-stamp policy (RFC 3628): accuracy of one second when TSTInfo states none.
   */
  static final ASN1ObjectIdentifier BASELINE_POLICY = new ASN1ObjectIdentifier("0.4.0.2023.1.1");

  private static final Map<ASN1ObjectIdentifier, String> HASHES =
      Map.of(
          NISTObjectIdentifiers.id_sha256,
          "SHA-256",
          NISTObjectIdentifiers.id_sha384,
          "SHA-384",
          NISTObjectIdentifiers.id_sha512,
          "SHA-512");

  private final CMSSignedData signed;
  private final byte[] content;
  private final List<X509Certificate> certificates;

  private TimestampToken(CMSSignedData signed, byte[] content, List<X509Certificate> certificates) {
    this.signed = signed;
    this.content = content;
    this.certificates = certificates;
  }

  /** Decoded TSTInfo (see {@link #info}, which returns it or why it is unusable). */
  public record Info(Instant genTime, Duration accuracy, String hashAlgorithm, String policy) {}

  /** A parsed token, or why it could not be parsed. */
  public static Result<TimestampToken> parse(byte[] der) {
    if (der.length > EnvelopeLimits.MAX_PAYLOAD_BYTES) {
      return Result.err("timestamp token is " + der.length + " bytes, more than the limit");
    }
    CMSSignedData signed;
    try {
      signed = new CMSSignedData(der);
      // Bouncy Castle decodes signer infos lazily and throws unchecked exceptions there for
      // malformed
      // names (e.g. invalid UTF-8, found by fuzzing): decode them now, inside this catch.
      signed.getSignerInfos();
    } catch (Exception e) { // BC signals malformed ASN.1 with several runtime and checked types
      return Result.err("invalid signed data: " + e.getMessage());
    }
    if (!ID_CT_TSTINFO.getId().equals(signed.getSignedContentTypeOID())) {
      return Result.err(
          "unexpected content type: "
              + signed.getSignedContentTypeOID()
              + ". Expected to be id-ct-TSTInfo ("
              + ID_CT_TSTINFO
              + ")");
    }
    if (signed.getSignedContent() == null) {
      return Result.err("timestamp token has no encapsulated TSTInfo");
    }
    List<X509Certificate> certs = new ArrayList<>();
    for (X509CertificateHolder h : signed.getCertificates().getMatches(null)) {
      if (certs.size() == EnvelopeLimits.MAX_CHAIN_CERTIFICATES) {
        return Result.err(
            "timestamp token carries more than "
                + EnvelopeLimits.MAX_CHAIN_CERTIFICATES
                + " certificates");
      }
      try {
        certs.add(Certificates.parse(h.getEncoded()));
      } catch (Exception e) {
        return Result.err("failed to parse X509 certificates from signed data: " + e.getMessage());
      }
    }
    // The encapsulated content must be the DER bytes of a TSTInfo; BC hands back other ASN.1 types
    // (a tagged object, found by TimestampTokenFuzzTest) unchanged.
    Object content =
        signed.getSignedContent() == null ? null : signed.getSignedContent().getContent();
    if (!(content instanceof byte[] tstInfo)) {
      return Result.err("timestamp token content is not an encapsulated TSTInfo");
    }
    return Result.ok(new TimestampToken(signed, tstInfo, certs));
  }

  public List<X509Certificate> certificates() {
    return certificates;
  }

  CMSSignedData signedData() {
    return signed;
  }

  /**
   * TSTInfo checked against the stamped {@code message}: version 1, SHA-2 imprint equal to the
   * message hash (not compared when {@code message} is null: inspection without a signature).
   */
  public Result<Info> info(byte @Nullable [] message) {
    TSTInfo tst;
    try {
      tst = TSTInfo.getInstance(ASN1Primitive.fromByteArray(content));
      tst.getGenTime().getDate();
    } catch (Exception e) {
      return Result.err("cannot unmarshal TSTInfo from timestamp token: " + e.getMessage());
    }
    // hasValue, not intValueExact: a version beyond int range is an invalid token, not an
    // ArithmeticException (TimestampTokenFuzzTest found one).
    if (!tst.getVersion().hasValue(1)) {
      return Result.err(
          "invalid TSTInfo: timestamp token info version must be 1, but got " + tst.getVersion());
    }
    ASN1ObjectIdentifier hashOid = tst.getMessageImprint().getHashAlgorithm().getAlgorithm();
    String hash = HASHES.get(hashOid);
    if (hash == null) {
      return Result.err("invalid TSTInfo: unrecognized hash algorithm: " + hashOid);
    }
    Instant genTime;
    try {
      genTime = tst.getGenTime().getDate().toInstant();
    } catch (java.text.ParseException e) {
      return Result.err("invalid TSTInfo genTime: " + e.getMessage());
    }
    String policy = tst.getPolicy().getId();
    if (message != null
        && !MessageDigest.isEqual(
            digest(hash, message), tst.getMessageImprint().getHashedMessage())) {
      return Result.err("invalid TSTInfo: mismatched message");
    }
    Duration accuracy = accuracy(tst);
    if (accuracy == null) {
      return Result.err("invalid TSTInfo: accuracy out of range: " + tst.getAccuracy());
    }
    return Result.ok(new Info(genTime, accuracy, hash, policy));
  }

  /**
   * The token's accuracy, or null when a field is negative or beyond int range (an ASN.1 INTEGER is
   * unbounded: such a field overflowed a Duration or threw; TimestampTokenFuzzTest).
   */
  private static @Nullable Duration accuracy(TSTInfo tst) {
    Accuracy a = tst.getAccuracy();
    Duration d = Duration.ZERO;
    if (a != null) {
      long seconds = bounded(a.getSeconds());
      long millis = bounded(a.getMillis());
      long micros = bounded(a.getMicros());
      if (seconds < 0 || millis < 0 || micros < 0) {
        return null;
      }
      d = Duration.ofSeconds(seconds).plusMillis(millis).plusNanos(micros * 1000);
    }
    if (d.isZero() && BASELINE_POLICY.equals(tst.getPolicy())) {
      return Duration.ofSeconds(1);
    }
    return d;
  }

  /** An optional field's value in 0..Integer.MAX_VALUE (absent: 0), or -1 outside it. */
  private static long bounded(@Nullable ASN1Integer value) {
    if (value == null) {
      return 0;
    }
    BigInteger v = value.getValue();
    return v.signum() < 0 || v.bitLength() > 31 ? -1 : v.longValueExact();
  }

  /**
   * Verifies the token at {@code at} (notation uses genTime) against TSA {@code roots}: first
   * signer whose signing-certificate-v2 identifies a certificate that chains to a root, whose CMS
   * signature and signed attributes verify, and whose EKU is exactly timeStamping and critical.
   * Answers the verified signer chain (signer first), or the reason verification failed.
   */
  public Result<List<X509Certificate>> verify(List<X509Certificate> roots, Instant at) {
    int signerInfos = signed.getSignerInfos().size();
    if (signerInfos != 1) {
      // RFC 3161 2.4.2: the token MUST NOT contain any signature other than the TSA's. Plain CMS
      // (the next step)
      // accepts any signer that verifies; a time-stamp token with a second signature is not a TSA's
      // token.
      return Result.err(
          "failed to verify signed token: signerInfo not found: a time-stamp token must carry"
              + " exactly one SignerInfo (RFC 3161 2.4.2), found "
              + signerInfos);
    }
    Result<List<X509Certificate>> outcome =
        CmsSignerVerifier.verify(
            signed,
            certificates,
            roots,
            at,
            CertificateRules.EKU_TIMESTAMPING,
            this::signingCertificate);
    if (!outcome.isOk()) {
      return Result.err("failed to verify signed token: " + outcome.reason());
    }
    X509Certificate signer = outcome.value().get(0);
    if (!CertificateRules.ekus(signer).equals(List.of(CertificateRules.EKU_TIMESTAMPING))) {
      return Result.err(
          "signing certificate must have and only have timeStamping as extended key usage");
    }
    if (!signer.getCriticalExtensionOIDs().contains("2.5.29.37")) {
      return Result.err("signing certificate extended key usage extension must be set as critical");
    }
    return outcome;
  }

  /**
   * The certificate named by the first ESSCertIDv2 of the signer's signing-certificate-v2
   * attribute.
   */
  Result<X509Certificate> signingCertificate(SignerInformation signer) {
    Attribute attr;
    try {
      attr =
          signer.getSignedAttributes() == null
              ? null
              : signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
    } catch (RuntimeException e) {
      return Result.err("malformed signed attributes: " + e.getMessage());
    }
    if (attr == null) {
      return Result.err(
          "failed to get SigningCertificateV2 from signed attributes: attribute not found");
    }
    ESSCertIDv2 id;
    try {
      ESSCertIDv2[] ids =
          SigningCertificateV2.getInstance(attr.getAttrValues().getObjectAt(0)).getCerts();
      if (ids.length == 0) {
        return Result.err("signingCertificateV2 does not contain any certificate");
      }
      id = ids[0];
    } catch (RuntimeException e) {
      return Result.err(
          "failed to get SigningCertificateV2 from signed attributes: " + e.getMessage());
    }
    X509Certificate candidate;
    IssuerSerial issuerSerial = id.getIssuerSerial();
    if (issuerSerial != null) {
      X500Name issuer = null;
      for (GeneralName n : issuerSerial.getIssuer().getNames()) {
        if (n.getTagNo() == GeneralName.directoryName) {
          issuer = X500Name.getInstance(n.getName());
        }
      }
      if (issuer == null) {
        return Result.err("issuer name is missing in IssuerSerial");
      }
      candidate = null;
      for (X509Certificate c : certificates) {
        if (X500Name.getInstance(c.getIssuerX500Principal().getEncoded()).equals(issuer)
            && c.getSerialNumber().equals(issuerSerial.getSerial().getValue())) {
          candidate = c;
        }
      }
    } else {
      Result<X509Certificate> bySid = CmsSignerVerifier.bySignerId(signer, certificates);
      candidate = bySid.isOk() ? bySid.value() : null;
    }
    if (candidate == null) {
      return Result.err("signing certificate not found in the timestamp token");
    }
    String hash =
        id.getHashAlgorithm() == null
            ? "SHA-256"
            : HASHES.get(id.getHashAlgorithm().getAlgorithm());
    if (hash == null) {
      return Result.err("unsupported certificate hash algorithm in SigningCertificateV2 attribute");
    }
    try {
      if (!MessageDigest.isEqual(digest(hash, candidate.getEncoded()), id.getCertHash())) {
        return Result.err("signing certificate hash does not match CertHash in signed attribute");
      }
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    return Result.ok(candidate);
  }

  /**
   * Generic RFC 5652 verification locating signers by SignerIdentifier (no signing-certificate-v2
   * needed).
   */
  public Result<List<X509Certificate>> verifyAsCms(
      List<X509Certificate> roots, Instant at, boolean checkSignature) {
    if (certificates.isEmpty()) {
      return Result.err("certificate not found");
    }
    return CmsSignerVerifier.verify(
        signed,
        certificates,
        roots,
        at,
        CertificateRules.EKU_TIMESTAMPING,
        s -> CmsSignerVerifier.bySignerId(s, certificates),
        checkSignature);
  }

  static byte[] digest(String alg, byte[] data) {
    try {
      return MessageDigest.getInstance(alg).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
