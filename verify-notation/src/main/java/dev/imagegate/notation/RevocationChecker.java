package dev.imagegate.notation;

import dev.imagegate.notation.internal.OnlineRevocationChecker;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Revocation of an ordered certificate chain (leaf first, root last; the root is not checked). The
 * online implementation asks OCSP first and falls back to CRLs; tests and offline deployments
 * inject their own.
 */
public interface RevocationChecker {
  /** Code-signing chains and TSA chains are checked with the same rules but reported separately. */
  enum Purpose {
    CODE_SIGNING,
    TIMESTAMPING
  }

  /**
   * @param authenticSigningTime for {@code notary.x509.signingAuthority} signatures, the signed
   *     time: a revocation whose invalidity date is after it does not count; otherwise null
   */
  RevocationResult check(
      List<X509Certificate> chain, Purpose purpose, @Nullable Instant authenticSigningTime);

  /** OCSP then CRL over HTTP with the given timeouts, fetcher and CRL cache. */
  static RevocationChecker online(RevocationOptions options) {
    return new OnlineRevocationChecker(options);
  }

  /**
   * Answers GOOD for every certificate without any network access (for tests and explicit offline
   * use).
   */
  static RevocationChecker assumeGood() {
    return (chain, purpose, time) ->
        new RevocationResult(
            RevocationStatus.GOOD, List.of(), List.of("revocation not checked: assumed good"));
  }
}
