package dev.imagegate.policy;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code attestors[].entries[]} item: the trust, plus an optional signature {@code repository}
 * and required {@code annotations}.
 */
public record Attestor(
    AttestorTrust trust,
    @Nullable String repository,
    Map<String, String> annotations,
    Location location) {
  public Attestor {
    annotations = Map.copyOf(annotations);
  }
}
