package dev.imagegate.notation.internal;

import dev.imagegate.trust.Crypto;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Certificate requirements of the Notary Project signature specification for code-signing and
 * timestamping chains: ordered chain leaf..root, no path building, only basicConstraints, keyUsage
 * and extendedKeyUsage evaluated. Each method returns the first violation, or empty.
 */
public final class CertificateRules {
  /** What the leaf certificate is used for; changes the EKU and keyUsage-criticality rules. */
  public enum Purpose {
    CODE_SIGNING,
    TIMESTAMPING
  }

  static final String EKU_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  static final String EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  static final String EKU_CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
  static final String EKU_EMAIL = "1.3.6.1.5.5.7.3.4";
  static final String EKU_TIMESTAMPING = "1.3.6.1.5.5.7.3.8";
  static final String EKU_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
  static final String EKU_ANY = "2.5.29.37.0";
  private static final String OID_BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String OID_KEY_USAGE = "2.5.29.15";
  private static final String OID_EKU = "2.5.29.37";
  private static final int KU_DIGITAL_SIGNATURE = 0;
  private static final int KU_CERT_SIGN = 5;
  private static final String[] KU_NAMES = {
    "DigitalSignature",
    "ContentCommitment",
    "KeyEncipherment",
    "DataEncipherment",
    "KeyAgreement",
    "CertSign",
    "CRLSign",
    "EncipherOnly",
    "DecipherOnly"
  };

  private CertificateRules() {}

  /**
   * Validates an ordered chain (leaf first, root last). {@code at} is the time every certificate
   * must be valid at, or null for no validity check (envelope-level validation).
   */
  public static Optional<String> validateChain(
      List<X509Certificate> chain, Purpose purpose, @Nullable Instant at) {
    if (chain.isEmpty()) {
      return Optional.of("certificate chain must contain at least one certificate");
    }
    if (chain.size() == 1) {
      X509Certificate cert = chain.get(0);
      Optional<String> problem =
          validAt(cert, at)
              .or(
                  () ->
                      signatureProblem(cert, cert)
                          .map(
                              e ->
                                  "invalid self-signed certificate with subject \""
                                      + subject(cert)
                                      + "\": "
                                      + e));
      if (problem.isEmpty() && !sameName(cert, cert)) {
        problem =
            Optional.of(
                "single certificate with subject \""
                    + subject(cert)
                    + "\" is not self-issued: issuer is \""
                    + issuer(cert)
                    + "\"");
      }
      return problem.or(
          () -> validateLeaf(cert, purpose).map(e -> "invalid self-signed certificate: " + e));
    }
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate cert = chain.get(i);
      Optional<String> problem = validAt(cert, at);
      if (problem.isPresent()) {
        return problem;
      }
      if (i == chain.size() - 1) {
        Optional<String> notSelfSigned = issuedByProblem(cert, cert);
        if (notSelfSigned.isPresent()) {
          return Optional.of(
              "root certificate with subject \""
                  + subject(cert)
                  + "\" is invalid or not self-signed;"
                  + " the chain must end with a self-signed root: "
                  + notSelfSigned.get());
        }
      } else {
        if (issuedByProblem(cert, cert).isEmpty()) {
          return Optional.of(
              (i == 0 ? "leaf" : "intermediate")
                  + " certificate with subject \""
                  + subject(cert)
                  + "\" is self-signed; only the last certificate of the chain may be self-signed");
        }
        X509Certificate parent = chain.get(i + 1);
        Optional<String> notIssued = issuedByProblem(cert, parent);
        if (notIssued.isPresent()) {
          return Optional.of(
              "certificate with subject \""
                  + subject(cert)
                  + "\" is not issued by \""
                  + subject(parent)
                  + "\": "
                  + notIssued.get());
        }
      }
      problem = i == 0 ? validateLeaf(cert, purpose) : validateCa(cert, i - 1, purpose);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  /** Rules for a CA certificate with {@code expectedPathLen} CA certificates below it. */
  public static Optional<String> validateCa(
      X509Certificate cert, int expectedPathLen, Purpose purpose) {
    if (cert.getBasicConstraints() < 0) {
      return Optional.of(
          "certificate with subject \""
              + subject(cert)
              + "\": basic constraints must be present with the ca field set to true");
    }
    int pathLen = cert.getBasicConstraints();
    if (pathLen != Integer.MAX_VALUE && pathLen < expectedPathLen) {
      return Optional.of(
          "certificate with subject \""
              + subject(cert)
              + "\": expected path length of "
              + expectedPathLen
              + " but certificate has path length "
              + pathLen
              + " instead");
    }
    return keyUsagePresent(cert, purpose)
        .or(
            () ->
                hasKeyUsage(cert, KU_CERT_SIGN)
                    ? Optional.empty()
                    : Optional.of(
                        "certificate with subject \""
                            + subject(cert)
                            + "\": key usage must have keyCertSign set"));
  }

  /**
   * Rules for a leaf: not a CA, digitalSignature only (contentCommitment tolerated), EKU, key spec.
   */
  public static Optional<String> validateLeaf(X509Certificate cert, Purpose purpose) {
    if (cert.getBasicConstraints() >= 0) {
      return Optional.of(
          "certificate with subject \""
              + subject(cert)
              + "\": if the basic constraints extension is present, the ca field must be set to false");
    }
    Optional<String> ku = keyUsagePresent(cert, purpose);
    if (ku.isPresent()) {
      return ku;
    }
    if (!hasKeyUsage(cert, KU_DIGITAL_SIGNATURE)) {
      return Optional.of(
          "certificate with subject \""
              + subject(cert)
              + "\": key usage must have digitalSignature set");
    }
    boolean[] usage = cert.getKeyUsage();
    List<String> forbidden = new ArrayList<>();
    for (int bit = 2; bit < usage.length && bit < KU_NAMES.length; bit++) {
      if (usage[bit]) {
        forbidden.add(KU_NAMES[bit]);
      }
    }
    if (!forbidden.isEmpty()) {
      return Optional.of(
          "certificate with subject \""
              + subject(cert)
              + "\": key usage must be digitalSignature only, but found "
              + forbidden);
    }
    Optional<String> eku =
        purpose == Purpose.TIMESTAMPING ? timestampingEku(cert) : codeSigningEku(cert);
    if (eku.isPresent()) {
      return eku;
    }
    if (NotaryAlgorithm.fromKey(cert.getPublicKey()) == null) {
      return Optional.of(
          "certificate with subject \""
              + subject(cert)
              + "\": "
              + NotaryAlgorithm.describeUnsupported(cert.getPublicKey()));
    }
    return Optional.empty();
  }

  private static Optional<String> codeSigningEku(X509Certificate cert) {
    List<String> ekus = ekus(cert);
    for (String[] banned :
        new String[][] {
          {EKU_ANY, "anyExtendedKeyUsage"},
          {EKU_SERVER_AUTH, "serverAuth"},
          {EKU_CLIENT_AUTH, "clientAuth"},
          {EKU_EMAIL, "emailProtection"},
          {EKU_OCSP_SIGNING, "OCSPSigning"},
          {EKU_TIMESTAMPING, "timeStamping"}
        }) {
      if (ekus.contains(banned[0])) {
        return Optional.of(
            "certificate with subject \""
                + subject(cert)
                + "\": extended key usage must not contain "
                + banned[1]);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> timestampingEku(X509Certificate cert) {
    if (!ekus(cert).equals(List.of(EKU_TIMESTAMPING))) {
      return Optional.of(
          "timestamp signing certificate with subject \""
              + subject(cert)
              + "\" must have exactly one extended key usage, timeStamping; found "
              + ekus(cert));
    }
    if (!cert.getCriticalExtensionOIDs().contains(OID_EKU)) {
      return Optional.of(
          "timestamp signing certificate with subject \""
              + subject(cert)
              + "\" must have the extended key usage extension marked critical");
    }
    return Optional.empty();
  }

  /**
   * Code signing requires a critical keyUsage extension; for timestamping only its presence is
   * checked.
   */
  private static Optional<String> keyUsagePresent(X509Certificate cert, Purpose purpose) {
    if (cert.getExtensionValue(OID_KEY_USAGE) == null) {
      return Optional.of(
          "certificate with subject \""
              + subject(cert)
              + "\": key usage extension must be present");
    }
    if (purpose == Purpose.CODE_SIGNING
        && !cert.getCriticalExtensionOIDs().contains(OID_KEY_USAGE)) {
      return Optional.of(
          "certificate with subject \""
              + subject(cert)
              + "\": key usage extension must be marked critical");
    }
    return Optional.empty();
  }

  static List<String> ekus(X509Certificate cert) {
    try {
      List<String> l = cert.getExtendedKeyUsage();
      return l == null ? List.of() : List.copyOf(l);
    } catch (CertificateParsingException e) {
      return List.of("<malformed extended key usage>");
    }
  }

  private static boolean hasKeyUsage(X509Certificate cert, int bit) {
    boolean[] ku = cert.getKeyUsage();
    return ku != null && ku.length > bit && ku[bit];
  }

  private static Optional<String> validAt(X509Certificate cert, @Nullable Instant at) {
    if (at == null) {
      return Optional.empty();
    }
    if (at.isBefore(cert.getNotBefore().toInstant())
        || at.isAfter(cert.getNotAfter().toInstant())) {
      return Optional.of(
          "certificate with subject \""
              + subject(cert)
              + "\" was not valid at signing time "
              + at
              + "; it is valid from "
              + cert.getNotBefore().toInstant()
              + " to "
              + cert.getNotAfter().toInstant());
    }
    return Optional.empty();
  }

  /**
   * Why {@code parent} did not issue {@code child}, or empty. As X.509 path validation does, a v3
   * parent must be a CA and, when it has a keyUsage extension, carry keyCertSign; the issuer name
   * must equal the parent subject byte for byte.
   */
  public static Optional<String> issuedByProblem(X509Certificate child, X509Certificate parent) {
    boolean v3 = parent.getVersion() >= 3;
    if ((v3 && parent.getBasicConstraints() < 0)
        || (parent.getKeyUsage() != null && !hasKeyUsage(parent, KU_CERT_SIGN))) {
      return Optional.of(
          "certificate with subject \""
              + subject(parent)
              + "\" is not a CA and cannot sign certificates");
    }
    return signatureProblem(child, parent)
        .or(
            () ->
                sameIssuer(child, parent)
                    ? Optional.empty()
                    : Optional.of(
                        "issuer \""
                            + issuer(child)
                            + "\" does not equal the subject \""
                            + subject(parent)
                            + "\""));
  }

  /**
   * The signature of {@code cert} under {@code signer}'s key; SHA-1 based algorithms are refused.
   */
  static Optional<String> signatureProblem(X509Certificate cert, X509Certificate signer) {
    String alg = cert.getSigAlgName().toUpperCase(Locale.ROOT);
    if (alg.contains("SHA1") || alg.contains("SHA-1") || alg.contains("MD5")) {
      return Optional.of(
          "certificate with subject \""
              + subject(cert)
              + "\" uses the insecure signature algorithm "
              + cert.getSigAlgName());
    }
    try {
      cert.verify(signer.getPublicKey(), Crypto.provider());
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      return Optional.of(
          "signature verification with the key of \"" + subject(signer) + "\" failed");
    }
  }

  static boolean sameName(X509Certificate cert, X509Certificate other) {
    return Arrays.equals(
        cert.getIssuerX500Principal().getEncoded(), other.getSubjectX500Principal().getEncoded());
  }

  private static boolean sameIssuer(X509Certificate child, X509Certificate parent) {
    return sameName(child, parent);
  }

  /** Subject in RFC 4514 order as notation prints it ({@code CN=..,O=..,C=..}). */
  public static String subject(X509Certificate cert) {
    return cert.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
  }

  public static String issuer(X509Certificate cert) {
    return cert.getIssuerX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
  }
}
