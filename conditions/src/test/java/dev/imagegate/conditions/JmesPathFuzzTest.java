package dev.imagegate.conditions;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * JMESPath in policy conditions, preconditions and variables ({@code {{ ... }}}) is written by
 * policy authors and evaluated over tenant objects: any expression gives a value or {@link
 * ExpressionException} (a failure value in substitution and conditions), never an exception, and
 * the library's runtime exceptions are never a null dereference, a bad cast or a bad index.
 */
class JmesPathFuzzTest {
  private static final KyvernoJmesPath JMES =
      KyvernoJmesPath.create(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
  private static final ConditionEvaluator CONDITIONS = new ConditionEvaluator(new Variables(JMES));
  private static final JsonNode DATA = data();

  private static JsonNode data() {
    try {
      return new ObjectMapper()
          .readTree(
              "{\"request\":{\"operation\":\"CREATE\",\"namespace\":\"ns\",\"object\":{\"kind\":\"Pod\","
                  + "\"metadata\":{\"name\":\"p\",\"labels\":{\"app\":\"a\",\"n\":\"3\"}},"
                  + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx:1\"},{\"image\":\"x@sha256:00\"}]}}},"
                  + "\"images\":{\"containers\":{\"c\":{\"registry\":\"docker.io\",\"tag\":\"1\"}}},"
                  + "\"nums\":[1,2.5,-3,1e308],\"s\":\"abc\",\"t\":true,\"z\":null}");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest
  void expression(FuzzedDataProvider data) {
    Operator op = data.pickValue(Operator.values());
    String value = data.consumeString(64);
    String expression = data.consumeRemainingAsString();
    try {
      JMES.search(expression, DATA);
    } catch (ExpressionException e) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof NullPointerException
            || c instanceof ClassCastException
            || c instanceof IndexOutOfBoundsException) {
          throw new IllegalStateException("JMESPath bug behind a clean error: " + expression, c);
        }
      }
    }
    new Variables(JMES).substituteString("x {{" + expression + "}} y", DATA);
    Condition c =
        new Condition(new TextNode("{{" + expression + "}}"), op, new TextNode(value), null);
    CONDITIONS.evaluate(List.of(ConditionBlock.allOf(List.of(c))), DATA);
  }
}
