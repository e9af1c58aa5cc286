package dev.imagegate.cel;

import static dev.imagegate.cel.CelTesting.eval1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** cel-java extensions present as Kyverno registers cel-go's (examples from cel-go's ext docs). */
class ExtensionsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          base64.encode(b'hello')                                   | aGVsbG8=
          base64.decode('aGVsbG8=') == b'hello'                     | true
          [1, 2, 3, 4].slice(1, 3)                                  | [2, 3]
          [[1], [2, 3], [4]].flatten()                              | [1, 2, 3, 4]
          [1, 2, 2, 3].distinct()                                   | [1, 2, 3]
          lists.range(3)                                            | [0, 1, 2]
          [3, 1, 2].sort()                                          | [1, 2, 3]
          [1, 2].reverse()                                          | [2, 1]
          math.greatest(1, 5, 3)                                    | 5
          math.least([1.5, -2.0])                                   | -2.0
          math.abs(-3)                                              | 3
          math.ceil(1.2)                                            | 2.0
          math.sqrt(16.0)                                           | 4.0
          math.bitOr(1, 2)                                          | 3
          sets.contains([1, 2, 3], [2, 3])                          | true
          sets.equivalent([1, 2], [2, 1, 1])                        | true
          sets.intersects([1], [2])                                 | false
          regex.replace('abc', 'b', 'x')                            | axc
          regex.extract('v1.2.3', '[0-9]+')                         | 1
          regex.extractAll('a1b2', '[0-9]')                         | [1, 2]
          [1, 2, 3].all(i, v, v > i)                                | true
          {'a': 1, 'b': 2}.exists(k, v, k == 'b' && v == 2)         | true
          [10, 20].transformList(i, v, v + i)                       | [10, 21]
          {'a': 1}.transformMap(k, v, v * 2)                        | {a=2}
          cel.bind(xs, [1, 2], xs.map(x, x * 2))                    | [2, 4]
          'Hello'.matches('^H')                                     | true
          """)
  void evaluates(String expr, String expected) {
    assertThat(String.valueOf(eval1(expr))).isEqualTo(expected);
  }

  @Test
  void jacksonTreesAreCelInput() throws Exception {
    var node =
        new ObjectMapper()
            .readTree("{\"spec\":{\"containers\":[{\"image\":\"nginx\",\"n\":1,\"x\":null}]}}");
    Object r =
        new CelTesting()
            .var("object", PolicyCel.toCel(node))
            .eval(
                "object.spec.containers.map(c, parseImageReference(c.image).repository() + ':'"
                    + " + string(c.n) + ':' + string(c.x == null))");
    assertThat(r).isEqualTo(java.util.List.of("library/nginx:1:true"));
  }
}
