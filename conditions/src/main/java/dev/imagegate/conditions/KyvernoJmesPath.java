package dev.imagegate.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.conditions.internal.KyvernoFunctions;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.RuntimeConfiguration;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JMESPath with Kyverno's custom functions ({@code to_upper}, {@code time_since}, {@code
 * semver_compare}, ...). Thread-safe; compiled expressions are cached (bounded).
 */
public final class KyvernoJmesPath {
  private static final int MAX_EXPRESSION = 4096;
  private static final int CACHE_SIZE = 512;
  private final JmesPath<JsonNode> runtime;
  private final Map<String, Expression<JsonNode>> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Expression<JsonNode>> eldest) {
              return size() > CACHE_SIZE;
            }
          });

  private KyvernoJmesPath(Clock clock) {
    RuntimeConfiguration config =
        RuntimeConfiguration.builder()
            .withFunctionRegistry(KyvernoFunctions.registry(clock))
            .withSilentTypeErrors(false)
            .build();
    this.runtime = new JacksonRuntime(config);
  }

  /**
   * The time functions ({@code time_now}, {@code time_since} with an empty end) read {@code clock}.
   */
  public static KyvernoJmesPath create(Clock clock) {
    return new KyvernoJmesPath(clock);
  }

  public static KyvernoJmesPath systemDefault() {
    return new KyvernoJmesPath(Clock.systemUTC());
  }

  /**
   * Evaluates {@code expression} against {@code data}; a missing path yields JSON null.
   *
   * @throws ExpressionException when the expression is longer than the limit, does not parse, calls
   *     an unknown function or one with wrong arguments, or a function fails on its input
   */
  public JsonNode search(String expression, JsonNode data) throws ExpressionException {
    if (expression.length() > MAX_EXPRESSION) {
      throw new ExpressionException(
          expression.substring(0, 64) + "...",
          "expression longer than " + MAX_EXPRESSION + " characters",
          null);
    }
    try {
      Expression<JsonNode> compiled = cache.get(expression);
      if (compiled == null) {
        compiled = runtime.compile(expression);
        cache.put(expression, compiled);
      }
      return compiled.search(data);
    } catch (JmesPathException e) {
      throw new ExpressionException(
          expression, "JMESPath '" + expression + "': " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // The library throws plain runtime exceptions for a few malformed inputs; they are still user
      // errors.
      throw new ExpressionException(expression, "JMESPath '" + expression + "': " + e, e);
    }
  }
}
