package dev.imagegate.cel;

import static dev.imagegate.cel.CelTesting.error1;
import static dev.imagegate.cel.CelTesting.eval1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** cel-go ext.Strings v2 (format expectations from cel-go's TestStringFormat, en_US locale). */
class StringsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          'no substitution'.format([])                                  | no substitution
          'str is %s and some more'.format(['filler'])                  | str is filler and some more
          '%% and also %%'.format([])                                   | % and also %
          '%%%s%%'.format(['text'])                                     | %text%
          '%d %d %d, %s %s %s'.format([1, 2, 3, 'A', 'B', 'C'])         | 1 2 3, A B C
          '%.3f'.format([1.2345])                                       | 1.234
          'this is 5 in binary: %b'.format([5])                         | this is 5 in binary: 101
          'unsigned 64 in binary: %b'.format([uint(64)])                | unsigned 64 in binary: 1000000
          'bit set from bool: %b'.format([true])                        | bit set from bool: 1
          '%o'.format([11])                                             | 13
          'this is an unsigned octal: %o'.format([uint(65535)])         | this is an unsigned octal: 177777
          '%x is 20 in hexadecimal'.format([30])                        | 1e is 20 in hexadecimal
          '%X is 20 in hexadecimal'.format([30])                        | 1E is 20 in hexadecimal
          '%X is 6000 in hexadecimal'.format([uint(6000)])              | 1770 is 6000 in hexadecimal
          '%x'.format(['Hello world!'])                                 | 48656c6c6f20776f726c6421
          '%X'.format(['Hello world!'])                                 | 48656C6C6F20776F726C6421
          '%x'.format([b'byte string'])                                 | 6279746520737472696e67
          '%.6e'.format([1052.032911275])                               | 1.052033\u202f×\u202f10⁰³
          '%e'.format([2.71828])                                        | 2.718280\u202f×\u202f10⁰⁰
          '%f'.format([2.71828])                                        | 2.718280
          '%f'.format([3.14])                                           | 3.140000
          '%f'.format(['NaN'])                                          | NaN
          '%f'.format(['Infinity'])                                     | ∞
          '%f'.format(['-Infinity'])                                    | -∞
          '%.2f'.format([1234567.891])                                  | 1,234,567.89
          '%d'.format([uint(64)])                                       | 64
          'null: %s'.format([null])                                     | null: null
          'some bytes: %s'.format([b'xyz'])                             | some bytes: xyz
          'type is %s'.format([type('test string')])                    | type is string
          '%s'.format([timestamp('2023-02-03T23:31:20+00:00')])         | 2023-02-03T23:31:20Z
          '%s'.format([duration('1h45m47s')])                           | 6347s
          '%s'.format([duration('1.5s')])                               | 1.5s
          'a double substituted with %%s: %s'.format([64.2])            | a double substituted with %s: 64.2
          '%s'.format([1234567.0])                                      | 1.234567e+06
          `'%s'.format([['abc', 3.14, null, [9, 8, 7, 6], timestamp('2023-02-03T23:31:20Z')]])` | `["abc", 3.140000, null, [9, 8, 7, 6], timestamp("2023-02-03T23:31:20Z")]`
          `'%s'.format([{'key1': b'xyz', 'key5': null, 'key2': duration('2h'), 'key4': true, 'key3': 2.71828}])` | `{"key1":b"xyz", "key2":duration("7200s"), "key3":2.718280, "key4":true, "key5":null}`
          `'true bool: %s, false bool: %s'.format([true, false])`       | true bool: true, false bool: false
          `strings.quote('single-quote with "double quote"')`          | `"single-quote with \\"double quote\\""`
          'hello'.charAt(4)                                             | o
          'hello mellow'.indexOf('ello', 2)                             | 7
          'hello mellow'.lastIndexOf('ello', 6)                         | 1
          'TacoCat'.lowerAscii()                                        | tacocat
          'hello hello'.replace('he', 'we', 1)                          | wello hello
          'hello hello hello'.split(' ', 2)                             | [hello, hello hello]
          'tacocat'.substring(0, 4)                                     | taco
          ['hello', 'mellow'].join(' ')                                 | hello mellow
          'gums'.reverse()                                              | smug
          '  \\ttrim\\n    '.trim()                                     | trim
          """)
  void evaluates(String expr, String expected) {
    assertThat(String.valueOf(eval1(expr))).isEqualTo(expected.replace("\\u202f", "\u202f"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          '%a'.format([1])      | could not parse formatting clause: unrecognized formatting clause "a"
          '%d'.format(['a'])    | decimal clause can only be used on integers, was given string
          '%f'.format([1])      | fixed-point clause can only be used on doubles, was given int
          '%x'.format([1.5])    | only integers, byte buffers, and strings can be formatted as hex, was given double
          '%d %d'.format([1])   | index 1 out of range
          'hello'.charAt(-1)    | Index out of range
          """)
  void fails(String expr, String message) {
    assertThat(error1(expr)).startsWith("eval:").contains(message);
  }

  @Test
  void formatOnDynamicArguments() {
    Object r =
        new CelTesting()
            .var("m", Map.of("i", 32, "d", 56.8, "l", List.of(6, 4.2, "a string")))
            .eval("'%s %s %s %d'.format([m.i, m.d, m.l, m.i])");
    assertThat(r).isEqualTo("32 56.8 [6, 4.200000, \"a string\"] 32");
    Object list = new CelTesting().var("args", List.of("x", 1)).eval("'%s-%d'.format(args)");
    assertThat(list).isEqualTo("x-1");
  }
}
