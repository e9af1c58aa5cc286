package dev.imagegate.notation.internal;

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
import org.jspecify.annotations.Nullable;

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

  /** Which certificate a signer claims, or why none could be located. */
  record Located(@Nullable X509Certificate cert, @Nullable String error) {}

  /** Verified signer with its chain, or the last error. */
  record Outcome(
      @Nullable SignerInformation signer,
      @Nullable List<X509Certificate> chain,
      @Nullable String error) {
    boolean ok() {
      return error == null;
    }
  }

  private CmsSignerVerifier() {}

  static Outcome verify(
      CMSSignedData signed,
      List<X509Certificate> embedded,
      List<X509Certificate> roots,
      Instant at,
      String requiredEku,
      Function<SignerInformation, Located> locate) {
    return verify(signed, embedded, roots, at, requiredEku, locate, true);
  }

  /**
   * @param checkSignature false only to test the signed-attribute rules in isolation (fixtures
   *     whose attributes were edited after signing)
   */
  static Outcome verify(
      CMSSignedData signed,
      List<X509Certificate> embedded,
      List<X509Certificate> roots,
      Instant at,
      String requiredEku,
      Function<SignerInformation, Located> locate,
      boolean checkSignature) {
    List<SignerInformation> signers = new ArrayList<>(signed.getSignerInfos().getSigners());
    if (signers.isEmpty()) {
      return new Outcome(null, null, "signerInfo not found");
    }
    String lastError = null;
    for (SignerInformation signer : signers) {
      Located located = locate.apply(signer);
      if (located.cert() == null) {
        lastError = located.error();
        continue;
      }
      String error;
      try {
        error =
            verifySigner(
                signed, signer, located.cert(), embedded, roots, at, requiredEku, checkSignature);
      } catch (
          RuntimeException
              e) { // BC decodes signed attributes lazily and fails with runtime exceptions
        error = "malformed signer info: " + e.getMessage();
      }
      if (error == null) {
        CertPathBuilder.Path path =
            CertPathBuilder.build(located.cert(), embedded, roots, at, requiredEku);
        return new Outcome(signer, path.chain(), null);
      }
      lastError = error;
    }
    return new Outcome(null, null, lastError);
  }

  /** Locates a signer by its unsigned SignerIdentifier (issuer and serial number). */
  static Located bySignerId(SignerInformation signer, List<X509Certificate> embedded) {
    for (X509Certificate cert : embedded) {
      if (matches(signer, cert)) {
        return new Located(cert, null);
      }
    }
    return new Located(null, "signing certificate not found in the timestamp token");
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

  private static @Nullable String verifySigner(
      CMSSignedData signed,
      SignerInformation signer,
      X509Certificate cert,
      List<X509Certificate> embedded,
      List<X509Certificate> roots,
      Instant at,
      String requiredEku,
      boolean checkSignature) {
    if (signer.getVersion() != 1) {
      return "invalid signer info version: only version 1 (issuer and serial number) is supported, got "
          + signer.getVersion();
    }
    CertPathBuilder.Path path = CertPathBuilder.build(cert, embedded, roots, at, requiredEku);
    if (path.chain() == null) {
      return "cms verification failure: " + path.error();
    }
    if (WEAK_ALGORITHMS.contains(signer.getDigestAlgOID())
        || WEAK_ALGORITHMS.contains(signer.getEncryptionAlgOID())) {
      return "cms verification failure: insecure algorithm "
          + signer.getDigestAlgOID()
          + "/"
          + signer.getEncryptionAlgOID();
    }
    AttributeTable attrs = signer.getSignedAttributes();
    ASN1ObjectIdentifier contentType = new ASN1ObjectIdentifier(signed.getSignedContentTypeOID());
    if (attrs == null) {
      if (!contentType.equals(PKCSObjectIdentifiers.data)) {
        return "missing signed attributes (required when the content type is not id-data)";
      }
    } else {
      Attribute ct = attrs.get(CMSAttributes.contentType);
      if (ct == null) {
        return "invalid content type: signed attribute content-type is missing";
      }
      if (!contentType.equals(ct.getAttrValues().getObjectAt(0))) {
        return "mismatch content type: found "
            + ct.getAttrValues().getObjectAt(0)
            + " in signer info, and "
            + contentType
            + " in signed data";
      }
      if (attrs.get(CMSAttributes.messageDigest) == null) {
        return "invalid message digest: signed attribute message-digest is missing";
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
        return "cms verification failure: signature does not verify";
      }
    } catch (CMSException e) {
      return "cms verification failure: " + e.getMessage();
    } catch (OperatorCreationException e) {
      return "cms verification failure: unsupported algorithm: " + e.getMessage();
    } catch (RuntimeException e) {
      return "cms verification failure: malformed signer info: " + e.getMessage();
    }
    if (attrs != null && attrs.get(CMSAttributes.signingTime) != null) {
      Date signingTime;
      try {
        signingTime =
            Time.getInstance(attrs.get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0))
                .getDate();
      } catch (RuntimeException e) {
        return "invalid signing time attribute: " + e.getMessage();
      }
      for (X509Certificate c : path.chain()) {
        if (signingTime.before(c.getNotBefore()) || signingTime.after(c.getNotAfter())) {
          return "signing time "
              + signingTime.toInstant()
              + " is outside the validity of certificate \""
              + CertificateRules.subject(c)
              + "\"";
        }
      }
    }
    return null;
  }
}
