package dev.imagegate.notation.internal;

import dev.imagegate.base.Result;
import dev.imagegate.trust.Crypto;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * RFC 5652 signer verification for CMS SignedData: build the signer's chain to trusted roots at a
 * given time, check the signature over the signed attributes, then the content-type, message-digest
 * and signing-time attributes. The first signer that passes wins, as in tspclient-go.
 */
final class CmsSignerVerifier {
  /** SHA-1 and MD5 are refused for CMS digests and signatures (collision-prone). */
  private static final Set<String> WEAK_ALGORITHMS =
      Set.of(
          "1.3.14.3.2.26",
          "1.2.840.113549.2.5",
          "1.2.840.113549.1.1.5",
          "1.2.840.113549.1.1.4",
          "1.2.840.10045.4.1",
          "1.2.840.10040.4.3");

  private CmsSignerVerifier() {}

  static Result<List<X509Certificate>> verify(
      CMSSignedData signed,
      List<X509Certificate> embedded,
      List<X509Certificate> roots,
      Instant at,
      String requiredEku,
      Function<SignerInformation, Result<X509Certificate>> locate) {
    return verify(signed, embedded, roots, at, requiredEku, locate, true);
  }

  /**
   * The chain (signer first) of the first signer that verifies, or the last signer's error.
   *
   * @param checkSignature false only to test the signed-attribute rules in isolation (fixtures
   *     whose attributes were edited after signing)
   */
  static Result<List<X509Certificate>> verify(
      CMSSignedData signed,
      List<X509Certificate> embedded,
      List<X509Certificate> roots,
      Instant at,
      String requiredEku,
      Function<SignerInformation, Result<X509Certificate>> locate,
      boolean checkSignature) {
    List<SignerInformation> signers = new ArrayList<>(signed.getSignerInfos().getSigners());
    if (signers.isEmpty()) {
      return Result.err("signerInfo not found");
    }
    Result<List<X509Certificate>> last = Result.err("signerInfo not found");
    for (SignerInformation signer : signers) {
      Result<X509Certificate> located = locate.apply(signer);
      if (!located.isOk()) {
        last = Result.err(located.reason());
        continue;
      }
      try {
        last =
            verifySigner(
                signed, signer, located.value(), embedded, roots, at, requiredEku, checkSignature);
      } catch (
          RuntimeException
              e) { // BC decodes signed attributes lazily and fails with runtime exceptions
        last = Result.err("malformed signer info: " + e.getMessage());
      }
      if (last.isOk()) {
        return last;
      }
    }
    return last;
  }

  /**
   * Locates a signer's certificate by its unsigned SignerIdentifier (issuer and serial number), or
   * says why it cannot.
   */
  static Result<X509Certificate> bySignerId(
      SignerInformation signer, List<X509Certificate> embedded) {
    for (X509Certificate cert : embedded) {
      if (matches(signer, cert)) {
        return Result.ok(cert);
      }
    }
    return Result.err("signing certificate not found in the timestamp token");
  }

  static boolean matches(SignerInformation signer, X509Certificate cert) {
    try {
      return signer
          .getSID()
          .match(new org.bouncycastle.cert.X509CertificateHolder(cert.getEncoded()));
    } catch (java.io.IOException | java.security.cert.CertificateEncodingException e) {
      return false;
    }
  }

  /** The signer's verified chain (signer first), or why the signer does not verify. */
  private static Result<List<X509Certificate>> verifySigner(
      CMSSignedData signed,
      SignerInformation signer,
      X509Certificate cert,
      List<X509Certificate> embedded,
      List<X509Certificate> roots,
      Instant at,
      String requiredEku,
      boolean checkSignature) {
    if (signer.getVersion() != 1) {
      return Result.err(
          "invalid signer info version: only version 1 (issuer and serial number) is supported, got "
              + signer.getVersion());
    }
    Result<List<X509Certificate>> path =
        CertPathBuilder.build(cert, embedded, roots, at, requiredEku);
    if (!path.isOk()) {
      return Result.err("cms verification failure: " + path.reason());
    }
    if (WEAK_ALGORITHMS.contains(signer.getDigestAlgOID())
        || WEAK_ALGORITHMS.contains(signer.getEncryptionAlgOID())) {
      return Result.err(
          "cms verification failure: insecure algorithm "
              + signer.getDigestAlgOID()
              + "/"
              + signer.getEncryptionAlgOID());
    }
    AttributeTable attrs = signer.getSignedAttributes();
    ASN1ObjectIdentifier contentType = new ASN1ObjectIdentifier(signed.getSignedContentTypeOID());
    if (attrs == null) {
      if (!contentType.equals(PKCSObjectIdentifiers.data)) {
        return Result.err(
            "missing signed attributes (required when the content type is not id-data)");
      }
    } else {
      Attribute ct = attrs.get(CMSAttributes.contentType);
      if (ct == null) {
        return Result.err("invalid content type: signed attribute content-type is missing");
      }
      if (!contentType.equals(ct.getAttrValues().getObjectAt(0))) {
        return Result.err(
            "mismatch content type: found "
                + ct.getAttrValues().getObjectAt(0)
                + " in signer info, and "
                + contentType
                + " in signed data");
      }
      if (attrs.get(CMSAttributes.messageDigest) == null) {
        return Result.err("invalid message digest: signed attribute message-digest is missing");
      }
    }
    try {
      boolean ok =
          !checkSignature
              || signer.verify(
                  new JcaSimpleSignerInfoVerifierBuilder()
                      .setProvider(Crypto.provider())
                      .build(cert));
      if (!ok) {
        return Result.err("cms verification failure: signature does not verify");
      }
    } catch (CMSException e) {
      return Result.err("cms verification failure: " + e.getMessage());
    } catch (OperatorCreationException e) {
      return Result.err("cms verification failure: unsupported algorithm: " + e.getMessage());
    } catch (RuntimeException e) {
      return Result.err("cms verification failure: malformed signer info: " + e.getMessage());
    }
    if (attrs != null && attrs.get(CMSAttributes.signingTime) != null) {
      Date signingTime;
      try {
        signingTime =
            Time.getInstance(attrs.get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0))
                .getDate();
      } catch (RuntimeException e) {
        return Result.err("invalid signing time attribute: " + e.getMessage());
      }
      for (X509Certificate c : path.value()) {
        if (signingTime.before(c.getNotBefore()) || signingTime.after(c.getNotAfter())) {
          return Result.err(
              "signing time "
                  + signingTime.toInstant()
                  + " is outside the validity of certificate \""
                  + CertificateRules.subject(c)
                  + "\"");
        }
      }
    }
    return path;
  }
}
