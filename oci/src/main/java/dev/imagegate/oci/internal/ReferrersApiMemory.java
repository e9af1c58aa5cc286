package dev.imagegate.oci.internal;

import dev.imagegate.oci.RepositoryName;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Remembers, per registry host, whether it implements the referrers API, so that after one miss
 * every later listing goes straight to the {@code sha256-<hex>} tag. oras-go remembers per
 * repository; support is a property of the registry software, and verifying a hundred images from a
 * hundred repositories of one registry would otherwise pay a hundred failed probes. Bounded:
 * forgetting only costs one extra probe.
 */
final class ReferrersApiMemory {
  private static final int MAX_ENTRIES = 10_000;
  private final Map<String, Boolean> supported = new ConcurrentHashMap<>();

  /** True, false, or null when not yet known. */
  @Nullable Boolean supports(RepositoryName repo) {
    return supported.get(repo.registry());
  }

  void remember(RepositoryName repo, boolean supports) {
    if (supported.size() >= MAX_ENTRIES) {
      supported.clear();
    }
    supported.put(repo.registry(), supports);
  }
}
