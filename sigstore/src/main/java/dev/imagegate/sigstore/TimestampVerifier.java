package dev.imagegate.sigstore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.sigstore.internal.CertificatePaths;
import dev.imagegate.sigstore.internal.Digests;
import dev.imagegate.sigstore.internal.Json;
import dev.imagegate.trust.Crypto;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.jspecify.annotations.Nullable;

/**
 * Verifies RFC 3161 timestamps: the token's message imprint must be the hash of the stamped bytes
 * (the raw signature), the token must be signed by a timestamp authority of the trusted root
 * (certificates embedded in the token are used only if they chain to that authority), the signing
 * certificate must have the timeStamping EKU and, with its chain, be valid at the stamped time, and
 * the authority's {@code validFor} must contain that time.
 */
public final class TimestampVerifier {
  private static final int MAX_BYTES = 64 * 1024;

  private TimestampVerifier() {}

  /**
   * @param timestamp a DER {@code TimeStampResp}, or a bare {@code TimeStampToken} (CMS
   *     ContentInfo)
   */
  public static Check<Instant> verify(byte[] timestamp, byte[] stampedData, TrustedRoot trust) {
    if (timestamp.length > MAX_BYTES) {
      return Check.failed(
          "RFC 3161 timestamp is " + timestamp.length + " bytes, more than " + MAX_BYTES);
    }
    TimeStampToken token;
    try {
      token = token(timestamp);
    } catch (IOException | TSPException | CMSException | RuntimeException e) {
      return Check.failed("RFC 3161 timestamp is malformed: " + e.getMessage());
    }
    if (token == null) {
      return Check.failed("RFC 3161 timestamp response carries no token (request was not granted)");
    }
    Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
    String imprintProblem = imprint(token, stampedData);
    if (imprintProblem != null) {
      return Check.failed(imprintProblem);
    }
    if (trust.timestampAuthorities().isEmpty()) {
      return Check.failed(
          "RFC 3161 timestamp cannot be verified: no timestamp authority is trusted");
    }
    List<String> problems = new ArrayList<>();
    for (CertificateAuthority tsa : trust.timestampAuthorities()) {
      for (X509Certificate signer : candidates(token, tsa)) {
        String invalid = signedBy(token, signer);
        if (invalid != null) {
          if (isTokenSigner(token, signer)) {
            problems.add(
                "RFC 3161 timestamp signed by '"
                    + signer.getSubjectX500Principal().getName()
                    + "' is not valid: "
                    + invalid);
          }
          continue;
        }
        var path =
            CertificatePaths.validate(
                signer,
                List.of(),
                List.of(tsa),
                List.of(genTime),
                CertificatePaths.EKU_TIME_STAMPING);
        if (path.isPassed()) {
          return Check.passed(genTime);
        }
        problems.addAll(path.reasons().stream().map(r -> "timestamp authority: " + r).toList());
      }
    }
    if (problems.isEmpty()) {
      problems.add(
          "RFC 3161 timestamp (time "
              + genTime
              + ") is not signed by a trusted timestamp authority");
    }
    return Check.failed(problems.stream().distinct().toList());
  }

  /**
   * The legacy cosign annotation {@code dev.sigstore.cosign/rfc3161timestamp}: {@code
   * {"SignedRFC3161Timestamp": b64}}.
   */
  public static Check<Instant> verifyCosignAnnotation(
      String annotationJson, byte[] stampedData, TrustedRoot trust) {
    try {
      JsonNode n =
          Json.read(
              annotationJson.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              "rfc3161timestamp annotation");
      return verify(
          Json.base64(n, "SignedRFC3161Timestamp", "rfc3161timestamp"), stampedData, trust);
    } catch (Json.ShapeException e) {
      return Check.failed("malformed rfc3161timestamp annotation: " + e.getMessage());
    }
  }

  private static TimeStampToken token(byte[] der) throws IOException, TSPException, CMSException {
    try {
      TimeStampResponse resp = new TimeStampResponse(der);
      if (resp.getStatus() != 0 && resp.getStatus() != 1) {
        throw new TSPException("status " + resp.getStatus() + " " + resp.getStatusString());
      }
      return resp.getTimeStampToken();
    } catch (TSPException | IOException | RuntimeException e) {
      return new TimeStampToken(org.bouncycastle.asn1.cms.ContentInfo.getInstance(der));
    }
  }

  private static @Nullable String imprint(TimeStampToken token, byte[] data) {
    ASN1ObjectIdentifier alg = token.getTimeStampInfo().getMessageImprintAlgOID();
    String name = new DefaultAlgorithmNameFinder().getAlgorithmName(alg);
    String jca = Digests.jcaName(name);
    if (jca == null) {
      return "RFC 3161 timestamp uses an unsupported message imprint algorithm "
          + name
          + " ("
          + alg.getId()
          + ")";
    }
    byte[] actual = Digests.digest(jca, data);
    if (!MessageDigest.isEqual(actual, token.getTimeStampInfo().getMessageImprintDigest())) {
      return "RFC 3161 timestamp does not cover this signature: its message imprint differs from the "
          + name
          + " of the signature bytes";
    }
    return null;
  }

  /**
   * The authority's own signing certificate first, then certificates embedded in the token (chained
   * later).
   */
  @SuppressWarnings("unchecked") // BC's Store of a TimeStampToken holds X509CertificateHolder
  private static List<X509Certificate> candidates(TimeStampToken token, CertificateAuthority tsa) {
    List<X509Certificate> out = new ArrayList<>();
    out.add(tsa.certChain().get(0));
    JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
    for (Object o : token.getCertificates().getMatches(token.getSID())) {
      try {
        out.add(conv.getCertificate((X509CertificateHolder) o));
      } catch (CertificateException e) {
        // an unreadable embedded certificate is just not a candidate
      }
    }
    return out;
  }

  /**
   * Null when the token's signature verifies with this certificate (BC also checks its EKU and
   * validity at genTime).
   */
  private static @Nullable String signedBy(TimeStampToken token, X509Certificate cert) {
    try {
      SignerInformationVerifier v =
          new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.provider()).build(cert);
      token.validate(v);
      return null;
    } catch (OperatorCreationException | TSPException | RuntimeException e) {
      return String.valueOf(e.getMessage());
    }
  }

  private static boolean isTokenSigner(TimeStampToken token, X509Certificate cert) {
    try {
      return token.getSID().match(new X509CertificateHolder(cert.getEncoded()));
    } catch (IOException | java.security.cert.CertificateEncodingException e) {
      return false;
    }
  }
}
