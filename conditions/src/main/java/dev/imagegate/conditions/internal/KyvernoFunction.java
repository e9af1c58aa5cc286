package dev.imagegate.conditions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.burt.jmespath.Adapter;
import io.burt.jmespath.function.ArgumentConstraint;
import io.burt.jmespath.function.ArgumentConstraints;
import io.burt.jmespath.function.BaseFunction;
import io.burt.jmespath.function.FunctionArgument;
import io.burt.jmespath.function.FunctionCallException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kyverno JMESPath function over Jackson values. Arguments are checked by the function itself so
 * that messages name the function and the expected argument, as Kyverno's do.
 */
public final class KyvernoFunction extends BaseFunction {
  /**
   * The body of a function: gets evaluated argument values, returns a value or throws {@link
   * FunctionCallException}.
   */
  @FunctionalInterface
  public interface Body {
    JsonNode apply(List<JsonNode> args);
  }

  private final Body body;

  private KyvernoFunction(String name, int arity, Body body) {
    super(name, constraints(arity));
    this.body = body;
  }

  public static KyvernoFunction of(String name, int arity, Body body) {
    return new KyvernoFunction(name, arity, body);
  }

  private static ArgumentConstraint constraints(int arity) {
    ArgumentConstraint[] all = new ArgumentConstraint[arity];
    java.util.Arrays.fill(all, ArgumentConstraints.anyValue());
    return ArgumentConstraints.listOf(all);
  }

  @Override
  @SuppressWarnings("unchecked")
  protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
    List<JsonNode> values = new ArrayList<>(arguments.size());
    for (FunctionArgument<T> a : arguments) {
      values.add((JsonNode) a.value());
    }
    return (T) body.apply(values);
  }

  public static FunctionCallException error(String function, String message) {
    return new FunctionCallException(function + ": " + message);
  }

  public static String text(String function, List<JsonNode> args, int i) {
    JsonNode n = args.get(i);
    if (!n.isTextual()) {
      throw wrongType(function, i, "a string", n);
    }
    return n.asText();
  }

  /** A string or a number rendered as text (several Kyverno functions accept both). */
  public static String textOrNumber(String function, List<JsonNode> args, int i) {
    JsonNode n = args.get(i);
    if (n.isTextual()) {
      return n.asText();
    }
    if (n.isNumber()) {
      return Values.numberText(n);
    }
    throw wrongType(function, i, "a string or a number", n);
  }

  private static FunctionCallException wrongType(
      String function, int i, String expected, JsonNode n) {
    return error(
        function,
        "argument "
            + (i + 1)
            + " must be "
            + expected
            + ", got "
            + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
  }

  public static JsonNode number(double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.0e15) {
      return Values.NODES.numberNode((long) d);
    }
    return Values.NODES.numberNode(d);
  }
}
