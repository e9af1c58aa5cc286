package dev.imagegate.ivpol.internal;

import dev.imagegate.cosign.CertificateRequirements;
import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.cosign.CosignTrust;
import dev.imagegate.cosign.CosignVerifier;
import dev.imagegate.cosign.NamedKey;
import dev.imagegate.notation.KyvernoNotaryTrust;
import dev.imagegate.notation.NotaryImageVerifier;
import dev.imagegate.notation.NotaryVerifier;
import dev.imagegate.notation.RevocationChecker;
import dev.imagegate.notation.RevocationOptions;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.RepositoryName;
import dev.imagegate.sigstore.CertificateIdentity;
import dev.imagegate.sigstore.TrustedRoot;
import dev.imagegate.trust.Certificates;
import dev.imagegate.trust.PublicKeys;
import dev.imagegate.trust.SignatureAlgorithm;
import dev.imagegate.trust.TrustMaterialException;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Maps ImageValidatingPolicy attestors onto the existing cosign and Notary verifiers, with
 * Kyverno's offline rules: a key or certificate attestor verifies without Rekor only with {@code
 * ctlog.insecureIgnoreTlog: true} (else the transparency-log proof is required against the shipped
 * or inline trusted root); keyless uses the shipped public-good root or {@code trustedRoot}; cosign
 * {@code annotations} are matched in the verified payload (kyverno#17505), for legacy {@code .att}
 * attestations too, and {@code insecureIgnoreTlog} applies to legacy {@code .att} as to {@code
 * .sig} (kyverno#17109). Notary: one strict trust policy per attestor with the certs as CA store
 * and tsaCerts as TSA store, at most 10 signature attempts.
 */
public final class Verifiers {
  /** Kyverno's {@code MaxSignatureAttempts} for Notary. */
  static final int MAX_NOTARY_ATTEMPTS = 10;

  private final NotaryVerifier notary;

  public Verifiers(Clock clock) {
    this.notary =
        NotaryVerifier.builder()
            .clock(clock)
            .revocationChecker(RevocationChecker.online(RevocationOptions.defaults(clock)))
            .build();
  }

  /** Resolved material of one attestor (expressions already evaluated). */
  public record Material(
      @Nullable String key,
      @Nullable String cert,
      @Nullable String certChain,
      @Nullable String trustedRoot,
      @Nullable String notaryCerts,
      @Nullable String notaryTsaCerts,
      List<String> subjectExpressions) {}

  /**
   * Verifies signatures ({@code predicateType} null) or attestations of one type with one attestor.
   */
  public Outcome verify(
      OciClient client,
      ImageReference ref,
      Digest digest,
      Spec.AttestorSpec attestor,
      Material m,
      @Nullable String predicateType,
      @Nullable String referrerType) {
    PhaseTimings timings = new PhaseTimings();
    if (attestor.notary() != null) {
      if (predicateType != null) {
        return new Outcome.Error("notary verifier only supports oci 1.1 referrers as attestations");
      }
      if (m.notaryCerts() == null || m.notaryCerts().isBlank()) {
        return new Outcome.Error("notary attestor " + attestor.name() + " has no certificates");
      }
      try {
        var trust = KyvernoNotaryTrust.fromPem(m.notaryCerts(), null, m.notaryTsaCerts());
        NotaryImageVerifier v =
            NotaryImageVerifier.builder(client)
                .verifier(notary)
                .maxSignatureAttempts(MAX_NOTARY_ATTEMPTS)
                .build();
        return referrerType == null
            ? v.verify(ref, digest, trust, NotaryImageVerifier.Mode.FIRST_VALID, timings).outcome()
            : v.verifyAttestations(ref, digest, referrerType, trust, timings).outcome();
      } catch (RuntimeException e) {
        return new Outcome.Error("notary attestor " + attestor.name() + ": " + e.getMessage());
      }
    }
    Spec.Cosign c = attestor.cosign();
    if (c == null) {
      return new Outcome.Error("attestor " + attestor.name() + " has neither cosign nor notary");
    }
    if (referrerType != null) {
      return new Outcome.Error(
          "cosign attestor " + attestor.name() + " verifies intoto attestations, not referrers");
    }
    try {
      CosignRequirements.Builder req =
          CosignRequirements.builder().annotations(c.annotations()).predicateType(predicateType);
      Spec.CtLog ctlog = c.ctlog();
      boolean ignoreTlog = ctlog != null && ctlog.insecureIgnoreTlog();
      boolean ignoreSct = ctlog != null && ctlog.insecureIgnoreSct();
      String roots = null;
      if (c.kms() != null) {
        return new Outcome.Error(
            "KMS key " + c.kms() + " is not available offline: put the PEM key in key.data");
      }
      if (c.key() != null) {
        if (m.key() == null || m.key().isBlank()) {
          return new Outcome.Error("cosign attestor " + attestor.name() + " has an empty key");
        }
        List<PublicKey> keys = PublicKeys.parseAll(m.key());
        List<NamedKey> named = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
          named.add(
              new NamedKey(attestor.name() + (keys.size() > 1 ? "[" + i + "]" : ""), keys.get(i)));
        }
        req.keys(named).hash(SignatureAlgorithm.fromKyverno(c.hashAlgorithm()));
      } else if (c.keyless() != null) {
        Spec.Keyless k = c.keyless();
        roots = k.roots();
        List<CertificateIdentity> ids = new ArrayList<>();
        for (int i = 0; i < k.identities().size(); i++) {
          Spec.Identity id = k.identities().get(i);
          String subjectRegExp = id.subjectRegExp();
          if (id.subjectExpression() != null && i < m.subjectExpressions().size()) {
            subjectRegExp = m.subjectExpressions().get(i);
          }
          ids.add(
              new CertificateIdentity(
                  blank(id.subject()),
                  blank(subjectRegExp),
                  blank(id.issuer()),
                  blank(id.issuerRegExp()),
                  k.extensions(),
                  CertificateIdentity.MatchMode.EXACT));
        }
        req.certificates(CertificateRequirements.keyless(ids, ignoreSct));
      } else {
        String cert = m.cert();
        String chain = m.certChain();
        if (cert == null || cert.isBlank()) {
          roots = chain;
          req.certificates(CertificateRequirements.keyless(List.of(), ignoreSct));
        } else if (chain == null || chain.isBlank()) {
          req.certificates(CertificateRequirements.keyOf(certs(cert).get(0)));
        } else {
          req.certificates(
              CertificateRequirements.given(
                  certs(cert).get(0), certs(chain), List.of(), ignoreSct));
        }
      }
      TrustedRoot base =
          m.trustedRoot() != null && !m.trustedRoot().isBlank() && !ignoreTlog
              ? TrustedRoot.parse(m.trustedRoot().getBytes(java.nio.charset.StandardCharsets.UTF_8))
              : CosignTrust.publicGood();
      req.ignoreTlog(ignoreTlog)
          .trust(
              CosignTrust.compose(
                  base,
                  blank(roots),
                  ctlog == null ? null : blank(ctlog.rekorPubKey()),
                  ctlog == null ? null : blank(ctlog.ctLogPubKey()),
                  ctlog == null ? null : blank(ctlog.tsaCertChain())));
      if (c.sourceRepository() != null && !c.sourceRepository().isBlank()) {
        req.signatureRepository(RepositoryName.parse(c.sourceRepository()));
      }
      return new CosignVerifier(client).verify(ref, digest, req.build(), timings).outcome();
    } catch (TrustMaterialException | IllegalArgumentException e) {
      return new Outcome.Error("invalid attestor " + attestor.name() + ": " + e.getMessage());
    }
  }

  private static List<X509Certificate> certs(String pem) {
    List<X509Certificate> certs = Certificates.parsePem(pem);
    if (certs.isEmpty()) {
      throw new IllegalArgumentException("no PEM certificate");
    }
    return certs;
  }

  private static @Nullable String blank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
