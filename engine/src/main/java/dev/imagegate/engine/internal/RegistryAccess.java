package dev.imagegate.engine.internal;

import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.RegistryCredentials;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How one request reaches registries: the engine's shared client, or, when the request carries
 * credentials (its pull secrets), a view of that client made with {@link OciClient#withCredentials}
 * (same connections, tokens kept per credential). Passed explicitly from {@link RequestEvaluator}
 * down to the verifiers.
 *
 * @param credentials the request's credentials keyed by registry name (aliases resolved)
 * @param cacheMisses non-null when the request is answered from caches only ({@link
 *     dev.imagegate.engine.PolicyEngine#evaluateFromCache}): set as soon as anything is not cached
 *     (the answer is then discarded)
 */
record RegistryAccess(
    OciClient client,
    Map<String, RegistryCredentials> credentials,
    java.util.concurrent.atomic.@Nullable AtomicBoolean cacheMisses) {
  static RegistryAccess of(
      OciClient shared,
      Map<String, RegistryCredentials> byKey,
      java.util.concurrent.atomic.@Nullable AtomicBoolean cacheMisses) {
    if (byKey == null || byKey.isEmpty()) {
      return new RegistryAccess(shared, Map.of(), cacheMisses);
    }
    Map<String, RegistryCredentials> byName = RegistryCredentials.byRegistryName(byKey);
    return new RegistryAccess(shared.withCredentials(byName), byName, cacheMisses);
  }

  /** Whether only cached resolutions and verifications may be used (no registry request). */
  boolean cacheOnly() {
    return cacheMisses != null;
  }

  /** Records that a cache-only request needed something not cached. */
  void missed() {
    if (cacheMisses != null) {
      cacheMisses.set(true);
    }
  }

  /**
   * The credentials this request uses for {@code registries} (null entries ignored): part of the
   * keys of caches shared across requests, so that what one request's credentials obtained answers
   * only requests reaching those registries with the same credentials (or, for an empty map, with
   * the engine's docker config alone).
   */
  Map<String, RegistryCredentials> identity(@Nullable String... registries) {
    if (credentials.isEmpty()) {
      return Map.of();
    }
    Map<String, RegistryCredentials> used = new HashMap<>();
    for (String registry : registries) {
      @Nullable RegistryCredentials c = registry == null ? null : credentials.get(registry);
      if (c != null) {
        used.put(registry, c);
      }
    }
    return Map.copyOf(used);
  }

  @Override
  public String toString() {
    return "RegistryAccess" + credentials.keySet();
  }
}
