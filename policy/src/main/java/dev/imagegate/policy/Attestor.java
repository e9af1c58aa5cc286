package dev.imagegate.policy;

import java.util.Map;

/**
 * One {@code attestors[].entries[]} item: the trust, plus an optional signature {@code repository}
 * and required {@code annotations}.
 */
public record Attestor(
    AttestorTrust trust, String repository, Map<String, String> annotations, Location location) {
  public Attestor {
    annotations = Map.copyOf(annotations);
  }
}
