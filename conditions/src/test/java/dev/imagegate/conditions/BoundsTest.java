package dev.imagegate.conditions;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

/** Bounds on policy-author expressions (docs/security.md): an error, not a runaway evaluation. */
class BoundsTest {
  @Test
  void longExpressionIsAnError() {
    String expression = "a" + ".a".repeat(4096);
    assertThatThrownBy(
            () ->
                KyvernoJmesPath.systemDefault()
                    .search(expression, JsonNodeFactory.instance.objectNode()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("longer than 4096");
  }
}
