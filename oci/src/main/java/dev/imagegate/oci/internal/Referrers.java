package dev.imagegate.oci.internal;

import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Limits and filtering shared by the registry and layout referrers listings. */
final class Referrers {
  /**
   * Bound on referrers of one subject: a verifier never needs more, a hostile registry could send
   * millions.
   */
  static final int MAX_REFERRERS = 1000;

  /** Bound on referrers API pages followed. */
  static final int MAX_PAGES = 20;

  private Referrers() {}

  /** Keeps those of {@code artifactType} (all when null), without duplicates, in order. */
  static List<Descriptor> filter(List<Descriptor> all, @Nullable String artifactType) {
    Map<String, Descriptor> byDigest = new LinkedHashMap<>();
    for (Descriptor d : all) {
      if (artifactType == null || artifactType.equals(d.artifactType())) {
        byDigest.putIfAbsent(d.digest().toString(), d);
      }
    }
    return List.copyOf(byDigest.values());
  }

  static void addBounded(List<Descriptor> into, List<Descriptor> more, String description)
      throws RegistryException {
    if (into.size() + more.size() > MAX_REFERRERS) {
      throw new RegistryException(
          Kind.TOO_LARGE, 0, description + ": more than " + MAX_REFERRERS + " referrers", null);
    }
    into.addAll(more);
  }

  static List<Descriptor> newList() {
    return new ArrayList<>();
  }
}
