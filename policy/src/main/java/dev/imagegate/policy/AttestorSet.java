package dev.imagegate.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code attestors[]}: {@code count} of {@code entries} must verify; null count means all of them.
 */
public record AttestorSet(@Nullable Integer count, List<Attestor> entries, Location location) {
  public AttestorSet {
    entries = List.copyOf(entries);
  }

  /** How many entries must verify. */
  public int required() {
    return count == null ? entries.size() : count;
  }
}
