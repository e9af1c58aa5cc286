package dev.imagegate.oci.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Bearer tokens per (registry, scope, credential), kept until shortly before {@code expires_in}
 * runs out so that a token is not sent in its last seconds. The credential the token was obtained
 * with (null: anonymously) is part of the key, so a token never answers for a request made with
 * other credentials or none.
 */
final class TokenCache {
  /** Token lifetime when the token endpoint does not say (distribution token spec). */
  static final long DEFAULT_EXPIRES_IN_SECONDS = 60;

  private static final int MAX_ENTRIES = 10_000;
  private final Map<Key, Entry> tokens = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;

  private record Entry(String token, long expiresAtNanos) {}

  /** Credential equality is value equality: equal credentials obtain equal rights. */
  private record Key(String registry, String scope, @Nullable RegistryCredential credential) {}

  TokenCache(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  @Nullable String get(String registry, String scope, @Nullable RegistryCredential credential) {
    Key key = new Key(registry, scope, credential);
    Entry e = tokens.get(key);
    if (e == null) {
      return null;
    }
    if (nanoClock.getAsLong() - e.expiresAtNanos >= 0) {
      tokens.remove(key, e);
      return null;
    }
    return e.token;
  }

  /**
   * Stores a token valid for {@code expiresInSeconds} (non-positive: the default), minus a 10%
   * margin.
   */
  void put(
      String registry,
      String scope,
      @Nullable RegistryCredential credential,
      String token,
      long expiresInSeconds) {
    long seconds = expiresInSeconds > 0 ? expiresInSeconds : DEFAULT_EXPIRES_IN_SECONDS;
    long usableNanos = seconds * 900_000_000L;
    if (tokens.size() >= MAX_ENTRIES) {
      tokens.clear();
    }
    tokens.put(
        new Key(registry, scope, credential),
        new Entry(token, nanoClock.getAsLong() + usableNanos));
  }
}
