package dev.imagegate.notation;

import dev.imagegate.notation.internal.JdkHttpFetcher;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of online revocation checking. Defaults follow notation: OCSP 2 s and CRL 5 s per
 * request.
 *
 * @param crlCache shared between verifications so a CRL is downloaded once per validity period
 */
public record RevocationOptions(
    Clock clock,
    Duration ocspTimeout,
    Duration crlTimeout,
    HttpFetcher fetcher,
    CrlCache crlCache) {
  public static final Duration DEFAULT_OCSP_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_CRL_TIMEOUT = Duration.ofSeconds(5);

  public RevocationOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ocspTimeout, "ocspTimeout");
    Objects.requireNonNull(crlTimeout, "crlTimeout");
    Objects.requireNonNull(fetcher, "fetcher");
    Objects.requireNonNull(crlCache, "crlCache");
  }

  public static RevocationOptions defaults(Clock clock) {
    return new RevocationOptions(
        clock, DEFAULT_OCSP_TIMEOUT, DEFAULT_CRL_TIMEOUT, new JdkHttpFetcher(), new CrlCache());
  }

  public RevocationOptions withFetcher(HttpFetcher f) {
    return new RevocationOptions(clock, ocspTimeout, crlTimeout, f, crlCache);
  }
}
