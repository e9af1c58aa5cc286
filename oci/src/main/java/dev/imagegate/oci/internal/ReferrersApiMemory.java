package dev.imagegate.oci.internal;

import dev.imagegate.oci.RepositoryName;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per repository, whether the registry implements the referrers API, so that after one miss the
 * next listing goes straight to the {@code sha256-<hex>} tag (as oras-go does). Bounded: forgetting only costs
 * one extra probe.
 */
final class ReferrersApiMemory {
  private static final int MAX_ENTRIES = 10_000;
  private final Map<RepositoryName, Boolean> supported = new ConcurrentHashMap<>();

  /** True, false, or null when not yet known. */
  Boolean supports(RepositoryName repo) {
    return supported.get(repo);
  }

  void remember(RepositoryName repo, boolean supports) {
    if (supported.size() >= MAX_ENTRIES) {
      supported.clear();
    }
    supported.put(repo, supports);
  }
}
