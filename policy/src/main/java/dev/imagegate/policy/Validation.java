package dev.imagegate.policy;

import dev.imagegate.conditions.ConditionBlock;
import java.util.List;

/** {@code verifyImages[].validate}: the request is denied when the {@code deny} conditions hold. */
public record Validation(List<ConditionBlock> deny, String message, Location location) {
  public Validation {
    deny = List.copyOf(deny);
  }
}
