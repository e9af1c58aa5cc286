package dev.imagegate.cel;

import static dev.imagegate.cel.CelTesting.error1;
import static dev.imagegate.cel.CelTesting.eval1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1 < 1.5                                      | true
          2u < 3                                       | true
          1.0 >= 1                                     | true
          [1, 2].exists(x, x == 2)                     | true
          [1, 2, 3].all(x, x > 0)                      | true
          [1, 2, 3].exists_one(x, x > 2)               | true
          size([1, 2, 3].filter(x, x > 1))             | 2
          has({'a': 1}.a)                              | true
          optional.of(1).orValue(2)                    | 1
          optional.none().orValue(2)                   | 2
          {'a': 1}[?'b'].orValue(3)                    | 3
          {'a': {'b': 5}}.?a.?b.orValue(0)              | 5
          {'a': 1}.?z.hasValue()                       | false
          'x'.orValue('y')                             | x
          timestamp('2024-01-02T03:04:05Z').getHours() | 3
          duration('1h').getMinutes()                  | 60
          cel.bind(x, 2, x * x)                        | 4
          """)
  void evaluates(String expr, String expected) {
    assertThat(String.valueOf(eval1(expr))).isEqualTo(expected);
  }

  @Test
  void orValueOnNonOptionalInputKeepsTheValue() {
    Object r =
        new CelTesting()
            .var("object", Map.of("metadata", Map.of("labels", Map.of("a", "b"))))
            .eval("object.metadata.labels.orValue({})");
    assertThat(r).isEqualTo(Map.of("a", "b"));
  }

  @Test
  void uintIntEqualityIsACompileErrorAsInCelGo() {
    assertThat(error1("2u == 2")).startsWith("compile:").contains("no matching overload");
  }

  @Test
  void heterogeneousListLiteralIsACompileError() {
    assertThat(error1("[1, 'a']")).startsWith("compile:").contains("expected type 'int'");
  }

  @Test
  void comprehensionBoundIsAnEvaluationError() {
    CelTesting t = new CelTesting(CelSettings.defaults().withComprehensionMaxIterations(100));
    assertThat(t.eval("lists.range(50).all(x, x >= 0)")).isEqualTo(true);
    assertThat(t.error("lists.range(10).all(x, lists.range(20).all(y, y >= 0))"))
        .startsWith("eval:")
        .contains("Iteration budget exceeded: 100");
  }

  @Test
  void regexProgramSizeBound() {
    CelTesting t = new CelTesting(CelSettings.defaults().withMaxRegexProgramSize(20));
    assertThat(t.eval("'ab'.matches('a')")).isEqualTo(true);
    assertThat(t.error("'ab'.matches('(a|b|c|d|e|f|g)+[0-9]{5,30}')"))
        .startsWith("eval:")
        .contains("exceeds");
  }

  @Test
  void expressionSizeBound() {
    CelTesting t = new CelTesting(CelSettings.defaults().withMaxExpressionCodePointSize(10));
    assertThat(t.error("1 + 2 + 3 + 4 + 5")).startsWith("compile:");
  }

  @Test
  void nullInsideInputIsNullValue() {
    Map<String, Object> obj = new java.util.HashMap<>();
    obj.put("a", null);
    CelTesting t = new CelTesting().var("object", obj).var("old", null);
    assertThat(t.eval("object.a == null && old == null")).isEqualTo(true);
    assertThat(
            t.eval(
                "[object.a, 1u, b'hi', timestamp('2024-01-02T03:04:05.120Z'), duration('1.5s')]"))
        .isEqualTo(java.util.Arrays.asList(null, 1L, "aGk=", "2024-01-02T03:04:05.12Z", "1.500s"));
    assertThat(t.eval("optional.none()")).isNull();
    assertThat(t.eval("{'k': [dyn(1), dyn(2.5), dyn(true)]}"))
        .isEqualTo(Map.of("k", List.of(1L, 2.5, true)));
  }
}
