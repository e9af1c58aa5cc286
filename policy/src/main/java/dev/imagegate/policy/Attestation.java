package dev.imagegate.policy;

import dev.imagegate.conditions.ConditionBlock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code attestations[]}: an in-toto predicate type (or Notary artifact type) to find and verify,
 * its attestors, and conditions evaluated against the predicate. {@code name} makes the predicate
 * available to {@code validate.deny}.
 */
public record Attestation(
    String type,
    @Nullable String name,
    List<AttestorSet> attestors,
    List<ConditionBlock> conditions,
    Location location) {
  public Attestation {
    attestors = List.copyOf(attestors);
    conditions = List.copyOf(conditions);
  }
}
