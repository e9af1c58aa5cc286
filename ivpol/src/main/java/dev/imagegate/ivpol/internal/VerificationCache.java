package dev.imagegate.ivpol.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Kyverno's image verification cache: verified results only (all attestors verified), keyed by
 * policy UID, function, attestation, sorted attestor names and image; in-toto payloads kept so a
 * hit can serve {@code extractPayload}. Default TTL 1 h, 1000 entries, as Kyverno's flags.
 */
public final class VerificationCache {
  /** A cached verification (payload null for signatures). */
  public record Entry(@Nullable JsonNode payload) {}

  private final @Nullable Cache<String, Entry> cache;

  private VerificationCache(@Nullable Cache<String, Entry> cache) {
    this.cache = cache;
  }

  public static VerificationCache create(Duration ttl, long maxEntries) {
    return new VerificationCache(
        Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).recordStats().build());
  }

  /** No caching (the CLI, as Kyverno's CLI). */
  public static VerificationCache disabled() {
    return new VerificationCache(null);
  }

  /** Whether results are kept (the webhook); false in the CLI. */
  public boolean enabled() {
    return cache != null;
  }

  public @Nullable Entry get(String key) {
    return cache == null ? null : cache.getIfPresent(key);
  }

  public void put(String key, Entry e) {
    if (cache != null) {
      cache.put(key, e);
    }
  }

  public double hitRatio() {
    return cache == null ? Double.NaN : cache.stats().hitRate();
  }

  public long size() {
    return cache == null ? 0 : cache.estimatedSize();
  }
}
