package dev.imagegate.notation;

import dev.imagegate.notation.TrustPolicyStatement.TrustStoreRef;
import dev.imagegate.notation.TrustPolicyStatement.VerifyTimestamp;
import dev.imagegate.trust.Certificates;
import dev.imagegate.trust.TrustMaterialException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kyverno's simplified Notary trust ({@code type: Notary} attestors with {@code certificates.cert}
 * / {@code certChain}, and TSA certificates in ImageValidatingPolicy): one statement {@code
 * kyverno}, scope {@code *}, level strict, trusted identity {@code *}, stores {@code ca:kyverno} (+
 * {@code tsa:kyverno}).
 *
 * <p>As in Kyverno, the given certificates are trusted as they are: authenticity is "a certificate
 * of the signature's chain equals one of them", so a pinned leaf works and no store content rule is
 * applied.
 */
public final class KyvernoNotaryTrust {
  public static final String NAME = "kyverno";

  private KyvernoNotaryTrust() {}

  /**
   * @param certPem {@code certificates.cert} (PEM, one or more certificates)
   * @param certChainPem {@code certificates.certChain}, or null
   * @param tsaPem TSA root certificates, or null when timestamps are not verified
   */
  public static NotaryTrust fromPem(
      String certPem, @Nullable String certChainPem, @Nullable String tsaPem) {
    List<X509Certificate> ca = new ArrayList<>(parse(certPem, "certificates.cert"));
    if (certChainPem != null && !certChainPem.isBlank()) {
      ca.addAll(parse(certChainPem, "certificates.certChain"));
    }
    List<X509Certificate> tsa =
        tsaPem == null || tsaPem.isBlank() ? List.of() : parse(tsaPem, "tsa certificates");
    return of(ca, tsa);
  }

  public static NotaryTrust of(List<X509Certificate> ca, List<X509Certificate> tsa) {
    if (ca.isEmpty()) {
      throw new NotationConfigException("Notary attestor has no certificate");
    }
    List<TrustStoreRef> stores =
        new ArrayList<>(List.of(new TrustStoreRef(TrustStoreType.CA, NAME)));
    if (!tsa.isEmpty()) {
      stores.add(new TrustStoreRef(TrustStoreType.TSA, NAME));
    }
    TrustPolicyStatement statement =
        new TrustPolicyStatement(
            NAME,
            List.of("*"),
            VerificationLevel.STRICT,
            Map.of(),
            VerifyTimestamp.ALWAYS,
            stores,
            List.of("*"),
            false);
    TrustPolicyDocument policy =
        new TrustPolicyDocument(TrustPolicyDocument.Kind.OCI, "1.0", List.of(statement));
    List<X509Certificate> caCopy = List.copyOf(ca);
    List<X509Certificate> tsaCopy = List.copyOf(tsa);
    TrustStore store =
        (type, name) -> {
          if (NAME.equals(name) && type == TrustStoreType.CA) {
            return caCopy;
          }
          if (NAME.equals(name) && type == TrustStoreType.TSA && !tsaCopy.isEmpty()) {
            return tsaCopy;
          }
          throw new NotationConfigException(
              "the trust store \""
                  + name
                  + "\" of type \""
                  + type.policyName()
                  + "\" does not exist in the Kyverno attestor");
        };
    return new NotaryTrust(policy, store);
  }

  private static List<X509Certificate> parse(String pem, String field) {
    try {
      return Certificates.parsePem(pem);
    } catch (TrustMaterialException e) {
      throw new NotationConfigException("Notary attestor " + field + ": " + e.getMessage(), e);
    }
  }
}
