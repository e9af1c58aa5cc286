package dev.imagegate.policy;

import dev.imagegate.conditions.ConditionBlock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code verifyImages[].validate}: the request is denied when the {@code deny} conditions hold. */
public record Validation(List<ConditionBlock> deny, @Nullable String message, Location location) {
  public Validation {
    deny = List.copyOf(deny);
  }
}
