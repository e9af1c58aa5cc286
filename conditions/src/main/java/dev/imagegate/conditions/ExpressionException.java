package dev.imagegate.conditions;

import org.jspecify.annotations.Nullable;

/**
 * A JMESPath expression that does not parse or fails while evaluating (bad function argument,
 * unknown function).
 */
public final class ExpressionException extends Exception {
  private final String expression;

  public ExpressionException(String expression, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.expression = expression;
  }

  public String expression() {
    return expression;
  }
}
