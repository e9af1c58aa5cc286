package dev.imagegate.cel;

import static dev.imagegate.cel.CelTesting.error1;
import static dev.imagegate.cel.CelTesting.eval1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-element-type overloads of Kubernetes' list library (lists.go: {@code summableTypes} and
 * {@code comparableTypes}) and Kubernetes' {@code quantity} function set: a wrong element type is a
 * compile error, {@code dyn} lists still work at evaluation.
 */
class ListOverloadsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          [1, 3, 2].sum()                                                   | 6
          [1u, 3u].sum()                                                    | 4
          [1.5, 2.0].sum()                                                  | 3.5
          [duration('1m'), duration('1s')].sum()                            | 61s
          [].sum()                                                          | 0
          dyn([]).sum()                                                     | 0
          [1, 3, 2].min()                                                   | 1
          [3u, 1u].min()                                                    | 1
          [2.5, 1.5].min()                                                  | 1.5
          [true, false].min()                                               | false
          [duration('2s'), duration('1s')].min()                            | 1s
          [timestamp('2024-01-02T00:00:00Z'), timestamp('2024-01-01T00:00:00Z')].min() | 2024-01-01T00:00:00Z
          ['b', 'a'].min()                                                  | a
          [b'\\x02', b'\\x01'].min() == b'\\x01'                               | true
          [1, 3, 2].max()                                                   | 3
          [3u, 1u].max()                                                    | 3
          [2.5, 1.5].max()                                                  | 2.5
          [true, false].max()                                               | true
          [duration('2s'), duration('1s')].max()                            | 2s
          [timestamp('2024-01-02T00:00:00Z'), timestamp('2024-01-01T00:00:00Z')].max() | 2024-01-02T00:00:00Z
          ['b', 'a'].max()                                                  | b
          [b'\\x01', b'\\xff'].max() == b'\\xff'                               | true
          [1, 2, 2].isSorted()                                              | true
          [2u, 1u].isSorted()                                               | false
          [1.0, 2.0].isSorted()                                             | true
          [false, true].isSorted()                                          | true
          [duration('2s'), duration('1s')].isSorted()                       | false
          [timestamp('2024-01-01T00:00:00Z'), timestamp('2024-01-02T00:00:00Z')].isSorted() | true
          ['a', 'b', 'b', 'c'].isSorted()                                   | true
          [b'\\x01', b'\\x80'].isSorted()                                     | true
          [].isSorted()                                                     | true
          [1, 2, 2, 3].indexOf(2)                                           | 1
          ['a', 'b', 'b', 'c'].lastIndexOf('b')                             | 2
          [1.0].indexOf(1.1)                                                | -1
          [].indexOf('string')                                              | -1
          [[1], [2]].indexOf([2])                                           | 1
          sign(quantity('-2'))                                              | -1
          sign(quantity('0'))                                               | 0
          """)
  void typedListsEvaluate(String expr, String expected) {
    assertThat(String.valueOf(eval1(expr))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ['a'].sum()                          | sum
          [true].sum()                         | sum
          [b'a'].sum()                         | sum
          [timestamp('2024-01-01T00:00:00Z')].sum() | sum
          [[1]].sum()                          | sum
          [{'a': 1}].min()                     | min
          [[1]].max()                          | max
          [{'a': 1}].isSorted()                | isSorted
          [1, 2].indexOf('a')                  | indexOf
          ['a'].lastIndexOf(1)                 | lastIndexOf
          quantity('1').sign()                 | sign
          quantity('1').mul(2)                 | mul
          quantity('10').div(2)                | div
          quantity('10').divInt(3)             | divInt
          """)
  void wrongElementTypesAreCompileErrors(String expr, String function) {
    assertThat(error1(expr)).startsWith("compile:").contains("'" + function + "'");
  }

  @Test
  void dynamicListsAreCheckedAtEvaluation() {
    CelTesting t =
        new CelTesting()
            .var(
                "o",
                Map.of(
                    "i", List.of(3, 1, 2),
                    "d", List.of(1.5, 0.5),
                    "s", List.of("b", "a"),
                    "e", List.of(),
                    "w", "hello"));
    assertThat(t.eval("o.i.sum()")).isEqualTo(6L);
    assertThat(t.eval("o.d.sum()")).isEqualTo(2.0);
    assertThat(t.eval("o.e.sum()")).isEqualTo(0L);
    assertThat(t.eval("o.d.min()")).isEqualTo(0.5);
    assertThat(t.eval("o.s.max()")).isEqualTo("b");
    assertThat(t.eval("o.s.isSorted()")).isEqualTo(false);
    assertThat(t.eval("o.i.indexOf(2)")).isEqualTo(2L);
    assertThat(t.eval("o.s.map(x, x).lastIndexOf('a')")).isEqualTo(1L);
    assertThat(t.eval("o.s.map(x, x).indexOf('a') + 'xy'.indexOf('y')")).isEqualTo(2L);
    // A dyn string still reaches the strings extension's indexOf (dispatched by name there).
    assertThat(t.eval("o.w.indexOf('l') + o.w.lastIndexOf('l')")).isEqualTo(5L);
    assertThat(t.error("o.s.sum()")).startsWith("eval:").contains("sum of string and string");
    assertThat(t.error("o.e.min()")).startsWith("eval:").contains("min called on empty list");
  }
}
