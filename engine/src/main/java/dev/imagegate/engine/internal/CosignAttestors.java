package dev.imagegate.engine.internal;

import dev.imagegate.cosign.CertificateRequirements;
import dev.imagegate.cosign.CosignReport;
import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.cosign.CosignTrust;
import dev.imagegate.cosign.CosignVerifier;
import dev.imagegate.cosign.NamedKey;
import dev.imagegate.oci.InvalidReferenceException;
import dev.imagegate.oci.RepositoryName;
import dev.imagegate.policy.Attestor;
import dev.imagegate.policy.AttestorTrust;
import dev.imagegate.policy.CTLog;
import dev.imagegate.policy.ImageVerificationType;
import dev.imagegate.policy.KeySource;
import dev.imagegate.policy.Rekor;
import dev.imagegate.policy.VerifyImage;
import dev.imagegate.sigstore.CertificateIdentity;
import dev.imagegate.sigstore.FulcioCertificate;
import dev.imagegate.sigstore.TrustedRoot;
import dev.imagegate.trust.Certificates;
import dev.imagegate.trust.PublicKeys;
import dev.imagegate.trust.SignatureAlgorithm;
import dev.imagegate.trust.TrustMaterialException;
import dev.imagegate.verify.Outcome;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps Kyverno cosign attestors ({@code keys}, {@code certificates}, {@code keyless}) onto {@link
 * CosignVerifier} requirements, with Kyverno's semantics: {@code cert} alone is a bare public key,
 * {@code cert} with {@code certChain} is validated against that chain, a lone {@code certChain} (or
 * {@code keyless.roots}) is the set of trusted roots and otherwise the public-good Fulcio roots
 * apply; {@code subject}/{@code issuer} match with wildcards; {@code rekor.pubkey}, {@code
 * ctlog.pubkey} and {@code ctlog.tsaCertChain} replace the public-good Rekor, CT and TSA material.
 * Everything is verified offline: {@code rekor.url} is never contacted.
 */
final class CosignAttestors implements AttestorVerifier {
  /** Kyverno {@code additionalExtensions} accepts only these names and the OIDs .1.1 to .1.6. */
  private static final Set<String> KYVERNO_EXTENSIONS;

  static {
    Set<String> s = new java.util.HashSet<>(FulcioCertificate.EXTENSION_NAMES.keySet());
    s.addAll(FulcioCertificate.EXTENSION_NAMES.values());
    KYVERNO_EXTENSIONS = Set.copyOf(s);
  }

  /**
   * Parsed material per PEM text, and assembled trust per input combination: policies are parsed
   * once, verified often.
   */
  private final Map<String, List<PublicKey>> keyCache = new ConcurrentHashMap<>();

  private final Map<String, List<X509Certificate>> certCache = new ConcurrentHashMap<>();
  private final Map<List<String>, TrustedRoot> trustCache = new ConcurrentHashMap<>();

  /**
   * Verifiers are made per call over the request's client view ({@link RegistryAccess}); they hold
   * nothing else.
   */
  CosignAttestors() {}

  /** A policy that cannot be evaluated as written; becomes an {@link Outcome.Error}. */
  private static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message);
    }
  }

  @Override
  public Outcome verify(VerificationTarget target, Attestor attestor) {
    VerifyImage rule = target.rule();
    CosignRequirements.Builder req =
        CosignRequirements.builder()
            .annotations(attestor.annotations())
            .predicateType(target.predicateType())
            .bundlesOnly(rule.type() == ImageVerificationType.SIGSTORE_BUNDLE);
    try {
      Rekor rekor;
      CTLog ctlog;
      String roots = null;
      switch (attestor.trust()) {
        case AttestorTrust.Keys k -> {
          req.keys(keys(k.source())).hash(hash(k.signatureAlgorithm()));
          rekor = k.rekor();
          ctlog = k.ctlog();
        }
        case AttestorTrust.Certificates c -> {
          rekor = c.rekor();
          ctlog = c.ctlog();
          boolean ignoreSct = ctlog != null && ctlog.ignoreSCT();
          if (c.cert() == null || c.cert().isBlank()) {
            roots = c.certChain(); // a chain alone: its certificates are the trusted roots (Kyverno
            // loadCertPool)
            req.certificates(CertificateRequirements.keyless(List.of(), ignoreSct));
          } else if (c.certChain() == null || c.certChain().isBlank()) {
            req.certificates(CertificateRequirements.keyOf(certificates(c.cert(), "cert").get(0)));
          } else {
            req.certificates(
                CertificateRequirements.given(
                    certificates(c.cert(), "cert").get(0),
                    certificates(c.certChain(), "certChain"),
                    List.of(),
                    ignoreSct));
          }
        }
        case AttestorTrust.Keyless k -> {
          rekor = k.rekor();
          ctlog = k.ctlog();
          roots = k.roots();
          req.certificates(
              CertificateRequirements.keyless(identities(k), ctlog != null && ctlog.ignoreSCT()));
        }
        case AttestorTrust.Nested n ->
            throw new Unusable(
                "a nested attestor set is evaluated by the engine, not as one attestor");
      }
      req.ignoreTlog(rekor != null && rekor.ignoreTlog())
          .trust(
              trust(
                  roots,
                  rekor == null ? null : rekor.pubkey(),
                  ctlog == null ? null : ctlog.pubkey(),
                  ctlog == null ? null : ctlog.tsaCertChain()))
          .signatureRepository(
              repository(
                  attestor.repository() != null ? attestor.repository() : rule.repository()));
      CosignReport report =
          new CosignVerifier(target.access().client())
              .verify(target.ref(), target.digest(), req.build(), target.timings());
      return report.outcome();
    } catch (Unusable e) {
      return new Outcome.Error(e.getMessage());
    } catch (TrustMaterialException | IllegalArgumentException e) {
      return new Outcome.Error("invalid attestor: " + e.getMessage());
    }
  }

  private List<NamedKey> keys(KeySource source) throws Unusable {
    return switch (source) {
      case KeySource.Pem pem -> {
        List<PublicKey> parsed;
        try {
          parsed = keyCache.computeIfAbsent(pem.pem(), PublicKeys::parseAll);
        } catch (TrustMaterialException e) {
          throw new Unusable("invalid publicKeys in the policy: " + e.getMessage());
        }
        List<NamedKey> named = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
          named.add(
              new NamedKey(
                  parsed.size() == 1 ? "publicKeys" : "publicKeys[" + i + "]", parsed.get(i)));
        }
        yield named;
      }
      case KeySource.Kms kms ->
          throw new Unusable(
              "KMS key "
                  + kms.uri()
                  + " is not available offline: put the PEM public key in keys.publicKeys");
      case KeySource.Secret secret ->
          throw new Unusable(
              "key from Secret "
                  + secret.namespace()
                  + "/"
                  + secret.name()
                  + " is not available offline: put the PEM public key in keys.publicKeys");
      case KeySource.Unresolved u ->
          throw new Unusable("publicKeys still holds an unresolved variable: " + u.text());
    };
  }

  private static SignatureAlgorithm hash(String algorithm) throws Unusable {
    try {
      return SignatureAlgorithm.fromKyverno(algorithm);
    } catch (TrustMaterialException e) {
      throw new Unusable(e.getMessage());
    }
  }

  private List<X509Certificate> certificates(String pem, String field) throws Unusable {
    unresolved(pem, field);
    List<X509Certificate> certs;
    try {
      certs = certCache.computeIfAbsent(pem, Certificates::parsePem);
    } catch (TrustMaterialException e) {
      throw new Unusable("invalid " + field + " in the policy: " + e.getMessage());
    }
    if (certs.isEmpty()) {
      throw new Unusable(field + " holds no PEM certificate");
    }
    if (certs.size() > CertificateRequirements.MAX_CHAIN) {
      throw new Unusable(
          field
              + " has "
              + certs.size()
              + " certificates; at most "
              + CertificateRequirements.MAX_CHAIN
              + " are accepted");
    }
    return certs;
  }

  private static List<CertificateIdentity> identities(AttestorTrust.Keyless k) throws Unusable {
    for (String[] f :
        new String[][] {
          {"subject", k.subject()},
          {"subjectRegExp", k.subjectRegExp()},
          {"issuer", k.issuer()},
          {"issuerRegExp", k.issuerRegExp()}
        }) {
      unresolved(f[1], f[0]);
    }
    for (Map.Entry<String, String> e : k.additionalExtensions().entrySet()) {
      if (!KYVERNO_EXTENSIONS.contains(e.getKey())) {
        throw new Unusable(
            "invalid certificate extension '"
                + e.getKey()
                + "' in additionalExtensions (Kyverno accepts "
                + FulcioCertificate.EXTENSION_NAMES.keySet()
                + " or their OIDs "
                + FulcioCertificate.ARC
                + "1 to .6)");
      }
      unresolved(e.getValue(), "additionalExtensions." + e.getKey());
    }
    if (Arrays.asList(k.subject(), k.subjectRegExp(), k.issuer(), k.issuerRegExp()).stream()
            .allMatch(CosignAttestors::blank)
        && k.additionalExtensions().isEmpty()) {
      return List.of(); // Kyverno checks no identity when none is written
    }
    return List.of(
        new CertificateIdentity(
            orNull(k.subject()),
            orNull(k.subjectRegExp()),
            orNull(k.issuer()),
            orNull(k.issuerRegExp()),
            k.additionalExtensions(),
            CertificateIdentity.MatchMode.WILDCARD));
  }

  private TrustedRoot trust(String roots, String rekorKeys, String ctlogKeys, String tsaChain)
      throws Unusable {
    unresolved(roots, "roots");
    unresolved(rekorKeys, "rekor.pubkey");
    unresolved(ctlogKeys, "ctlog.pubkey");
    unresolved(tsaChain, "ctlog.tsaCertChain");
    List<String> key =
        Arrays.asList(orNull(roots), orNull(rekorKeys), orNull(ctlogKeys), orNull(tsaChain));
    try {
      return trustCache.computeIfAbsent(
          key,
          k ->
              CosignTrust.compose(
                  CosignTrust.publicGood(), k.get(0), k.get(1), k.get(2), k.get(3)));
    } catch (TrustMaterialException e) {
      throw new Unusable(
          "invalid trust material in the attestor (roots, certChain, rekor.pubkey, ctlog.pubkey or ctlog.tsaCertChain): "
              + e.getMessage());
    }
  }

  private static RepositoryName repository(String repo) throws Unusable {
    try {
      return repo == null || repo.isBlank() ? null : RepositoryName.parse(repo);
    } catch (InvalidReferenceException e) {
      throw new Unusable("invalid repository '" + repo + "': " + e.getMessage());
    }
  }

  private static void unresolved(String value, String field) throws Unusable {
    if (value != null && value.contains("{{")) {
      throw new Unusable(field + " still holds an unresolved variable: " + value);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String orNull(String s) {
    return blank(s) ? null : s;
  }
}
