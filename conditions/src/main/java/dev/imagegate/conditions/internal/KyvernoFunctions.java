package dev.imagegate.conditions.internal;

import io.burt.jmespath.function.Function;
import io.burt.jmespath.function.FunctionRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The registry: JMESPath's standard functions plus Kyverno's. */
public final class KyvernoFunctions {
  private KyvernoFunctions() {}

  public static FunctionRegistry registry(Clock clock) {
    return FunctionRegistry.defaultRegistry().extend(functions(clock).toArray(Function[]::new));
  }

  public static List<Function> functions(Clock clock) {
    List<Function> all = new ArrayList<>();
    all.addAll(StringFunctions.all());
    all.addAll(ArithmeticFunctions.all());
    all.addAll(TimeFunctions.all(clock));
    all.addAll(DataFunctions.all());
    return all;
  }
}
