package dev.imagegate.engine.internal;

import dev.imagegate.notation.KyvernoNotaryTrust;
import dev.imagegate.notation.NotaryImageVerifier;
import dev.imagegate.notation.NotaryTrust;
import dev.imagegate.notation.NotaryVerifier;
import dev.imagegate.notation.NotationConfigException;
import dev.imagegate.notation.RevocationChecker;
import dev.imagegate.notation.RevocationOptions;
import dev.imagegate.oci.OciClient;
import dev.imagegate.policy.Attestor;
import dev.imagegate.policy.AttestorTrust;
import dev.imagegate.verify.Outcome;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kyverno {@code type: Notary} attestors ({@code certificates.cert} / {@code certChain}; TSA roots
 * in {@code ctlog.tsaCertChain}). As Kyverno, one trust policy statement is built per attestor:
 * scope {@code *}, level strict, trusted identity {@code *}, the given certificates as the {@code
 * ca} store (a pinned leaf works), and a {@code tsa} store when TSA certificates are given (then
 * every signature must carry a verified RFC 3161 timestamp, as in Kyverno's ImageValidatingPolicy).
 * At most 10 signatures are tried per artifact (Kyverno's {@code MaxSignatureAttempts}). {@code
 * repository} and {@code annotations} of the attestor do not apply to Notary (signatures are
 * referrers in the image's own repository), as in Kyverno.
 *
 * <p>Revocation: Kyverno builds its notation verifier without revocation options, so notation-go's
 * default online OCSP (2 s) / CRL (5 s) checking applies at level strict. The same is done here
 * (CRLs cached until nextUpdate): certificates without OCSP or CRL URLs are "non-revokable" and
 * need no network; for the others an unreachable responder gives "unknown", which strict denies.
 * Deployments without network access pass {@link RevocationChecker#assumeGood()} through the
 * three-argument constructor.
 */
final class NotaryAttestors implements AttestorVerifier {
  /** Kyverno's {@code MaxSignatureAttempts}. */
  static final int MAX_SIGNATURE_ATTEMPTS = 10;

  /** Bound on cached parsed trusts (one per distinct attestor certificate set). */
  static final int MAX_CACHED_TRUSTS = 256;

  /**
   * Shared (revocation answers and CRLs are cached in it); the image verifier is made per call over
   * the request's client.
   */
  private final NotaryVerifier verifier;

  private final Map<String, NotaryTrust> trusts = new ConcurrentHashMap<>();

  NotaryAttestors(Clock clock) {
    this(clock, RevocationChecker.online(RevocationOptions.defaults(clock)));
  }

  NotaryAttestors(Clock clock, RevocationChecker revocation) {
    this.verifier = NotaryVerifier.builder().clock(clock).revocationChecker(revocation).build();
  }

  private NotaryImageVerifier imageVerifier(OciClient client) {
    return NotaryImageVerifier.builder(client)
        .verifier(verifier)
        .maxSignatureAttempts(MAX_SIGNATURE_ATTEMPTS)
        .build();
  }

  @Override
  public Outcome verify(VerificationTarget target, Attestor attestor) {
    if (!(attestor.trust() instanceof AttestorTrust.Certificates certs)) {
      return new Outcome.Error(
          "a type: Notary attestor needs certificates.cert and/or certificates.certChain; found "
              + describe(attestor.trust()));
    }
    String tsa = certs.ctlog() == null ? null : certs.ctlog().tsaCertChain();
    String problem = problem(certs.cert(), certs.certChain(), tsa);
    if (problem != null) {
      return new Outcome.Error(problem);
    }
    try {
      NotaryTrust trust = trust(certs.cert(), certs.certChain(), tsa);
      NotaryImageVerifier images = imageVerifier(target.access().client());
      return target.predicateType() == null
          ? images
              .verify(
                  target.ref(),
                  target.digest(),
                  trust,
                  NotaryImageVerifier.Mode.FIRST_VALID,
                  target.timings())
              .outcome()
          : images
              .verifyAttestations(
                  target.ref(), target.digest(), target.predicateType(), trust, target.timings())
              .outcome();
    } catch (NotationConfigException e) {
      return new Outcome.Error("Notary attestor: " + e.getMessage());
    }
  }

  private NotaryTrust trust(String cert, String chain, String tsa) {
    String key = nz(cert) + "\u0000" + nz(chain) + "\u0000" + nz(tsa);
    NotaryTrust cached = trusts.get(key);
    if (cached != null) {
      return cached;
    }
    NotaryTrust parsed =
        KyvernoNotaryTrust.fromPem(
            blankToNull(cert) == null ? chain : cert,
            blankToNull(cert) == null ? null : blankToNull(chain),
            blankToNull(tsa));
    if (trusts.size() >= MAX_CACHED_TRUSTS) {
      trusts.clear();
    }
    trusts.put(key, parsed);
    return parsed;
  }

  private static String problem(String cert, String chain, String tsa) {
    if (blankToNull(cert) == null && blankToNull(chain) == null) {
      return "a type: Notary attestor needs certificates.cert and/or certificates.certChain (PEM); both are empty";
    }
    for (String[] f :
        new String[][] {
          {"certificates.cert", cert},
          {"certificates.certChain", chain},
          {"ctlog.tsaCertChain", tsa}
        }) {
      if (f[1] != null && f[1].contains("{{")) {
        return f[0] + " still holds an unresolved variable: " + f[1].strip();
      }
    }
    return null;
  }

  private static String describe(AttestorTrust t) {
    return switch (t) {
      case AttestorTrust.Keys k -> "keys (cosign public keys are not used by Notary verification)";
      case AttestorTrust.Keyless k -> "keyless (Notary has no keyless signing)";
      case AttestorTrust.Nested n -> "a nested attestor set";
      case AttestorTrust.Certificates c -> "certificates";
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
