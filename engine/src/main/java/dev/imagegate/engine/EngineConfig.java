package dev.imagegate.engine;

import dev.imagegate.oci.OciClientConfig;
import java.time.Clock;
import java.time.Duration;

/**
 * Engine settings.
 *
 * @param oci registry access
 * @param clock time source for conditions and certificate checks
 * @param successTtl how long a verified outcome is reused (Kyverno's image verification cache
 *     default: 60 min)
 * @param failureTtl how long a denial is reused (short, so a newly signed image is admitted
 *     quickly)
 * @param cacheEntries bound on cached verifications
 * @param resolveTtl how long a tag's resolution to a digest is reused across requests; one read
 *     after {@link #resolveRefresh()} is resolved again in the background, so that a tag in steady
 *     use does not expire under load
 */
public record EngineConfig(
    OciClientConfig oci,
    Clock clock,
    Duration successTtl,
    Duration failureTtl,
    long cacheEntries,
    Duration resolveTtl) {
  public static EngineConfig defaults() {
    return new EngineConfig(
        OciClientConfig.defaults(),
        Clock.systemUTC(),
        Duration.ofMinutes(60),
        Duration.ofSeconds(30),
        10_000,
        Duration.ofSeconds(30));
  }

  /**
   * When a kept tag resolution is resolved again, in the background, on its next read: after three
   * quarters of {@link #resolveTtl}. Both engines' tag caches use it; the entry still expires at
   * {@code resolveTtl} whether or not a refresh succeeded.
   */
  public Duration resolveRefresh() {
    return Duration.ofNanos(Math.max(1, resolveTtl.toNanos() / 4 * 3));
  }

  public EngineConfig withOci(OciClientConfig o) {
    return new EngineConfig(o, clock, successTtl, failureTtl, cacheEntries, resolveTtl);
  }

  public EngineConfig withClock(Clock c) {
    return new EngineConfig(oci, c, successTtl, failureTtl, cacheEntries, resolveTtl);
  }

  public EngineConfig withResolveTtl(Duration ttl) {
    return new EngineConfig(oci, clock, successTtl, failureTtl, cacheEntries, ttl);
  }
}
