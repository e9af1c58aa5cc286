package dev.imagegate.cel;

import static dev.imagegate.cel.CelTesting.error1;
import static dev.imagegate.cel.CelTesting.eval1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expectations from the documentation and tests of k8s.io/apiserver/pkg/cel/library. */
class KubernetesLibraryTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          isURL('https://user:pass@example.com:80/path?query=val#fragment') | true
          isURL('/absolute-path')                                          | true
          isURL('https://a:b:c/')                                          | false
          isURL('../relative-path')                                        | false
          url('/path').getScheme()                                         | ``
          url('https://example.com/').getScheme()                          | https
          url('https://example.com:80/').getHost()                         | example.com:80
          url('https://example.com/').getHost()                            | example.com
          url('https://[::1]:80/').getHost()                               | [::1]:80
          url('https://[::1]/').getHost()                                  | [::1]
          url('/path').getHost()                                           | ``
          url('https://example.com:80/').getHostname()                     | example.com
          url('https://127.0.0.1:80/').getHostname()                       | 127.0.0.1
          url('https://[::1]:80/').getHostname()                           | ::1
          url('https://example.com:80/').getPort()                         | 80
          url('https://example.com/').getPort()                            | ``
          url('https://example.com/path').getEscapedPath()                 | /path
          url('https://example.com/path with spaces/').getEscapedPath()    | /path%20with%20spaces/
          url('https://example.com').getEscapedPath()                      | ``
          url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()        | {k1=[a], k2=[b, c]}
          url('https://example.com/path?key with spaces=value with spaces').getQuery() | {key with spaces=[value with spaces]}
          url('https://example.com/path?').getQuery()                      | {}
          url('https://example.com/path#frag').getEscapedPath()            | /path
          isQuantity('1.3G')                                               | true
          isQuantity('1.3Gi')                                              | true
          isQuantity('1,3G')                                               | false
          isQuantity('10000k')                                             | true
          isQuantity('200K')                                               | false
          isQuantity('Three')                                              | false
          isQuantity('Mi')                                                 | false
          quantity('50000000G').isInteger()                                | true
          quantity('50k').isInteger()                                      | true
          quantity('9999999999999999999999999999999999999G').isInteger()   | false
          quantity('50k').asInteger() == 50000                             | true
          quantity('50k').sub(20000).asApproximateFloat() == 30000.0       | true
          quantity('50k').add(quantity('20k')) == quantity('70k')          | true
          quantity('50k').add(20) == quantity('50020')                     | true
          quantity('50k').sub(quantity('20k')) == quantity('30k')          | true
          quantity('50k').add(20).sub(quantity('100k')).sub(-50000) == quantity('20') | true
          quantity('200M').compareTo(quantity('0.2G'))                     | 0
          quantity('50M').compareTo(quantity('50Mi'))                      | -1
          quantity('50Mi').compareTo(quantity('50M'))                      | 1
          quantity('150Mi').isGreaterThan(quantity('100Mi'))               | true
          quantity('50Mi').isGreaterThan(quantity('100Mi'))                | false
          quantity('50M').isLessThan(quantity('100M'))                     | true
          quantity('1') == quantity('1000m')                               | true
          sign(quantity('-2'))                                             | -1
          sign(quantity('0'))                                              | 0
          quantity('1e3').asInteger()                                      | 1000
          quantity('0.1n').asApproximateFloat()                            | 1.0E-9
          [1, 2, 3].isSorted()                                             | true
          ['a', 'c', 'b'].isSorted()                                       | false
          [1, 2, 3].sum()                                                  | 6
          [1.5, 2.5].sum()                                                 | 4.0
          [duration('1s'), duration('2s')].sum()                           | 3s
          [1, 3, 2].min()                                                  | 1
          ['a', 'c', 'b'].max()                                            | c
          [1, 2, 3, 2].indexOf(2)                                          | 1
          [1, 2, 3, 2].lastIndexOf(2)                                      | 3
          [1, 2].indexOf(5)                                                | -1
          'abc 123'.find('[0-9]+')                                         | 123
          'abc'.find('[0-9]+')                                             | ``
          '123 abc 456'.findAll('[0-9]+')                                  | [123, 456]
          '123 abc 456'.findAll('[0-9]+', 1)                               | [123]
          'hello'.indexOf('l')                                             | 2
          """)
  void evaluates(String expr, String expected) {
    assertThat(String.valueOf(eval1(expr))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          url('../relative-path')                                  | URL parse error during conversion from string
          url('https://a:b:c/')                                    | invalid port ":c" after host
          quantity('200K')                                         | unable to parse quantity's suffix
          quantity('Three')                                        | quantities must match the regular expression
          quantity('9999999999999999999999999999999999999G').asInteger() | cannot convert value to integer
          [].min()                                                 | called on empty list
          'abc'.find('[')                                          | error parsing regexp
          """)
  void fails(String expr, String message) {
    assertThat(error1(expr)).startsWith("eval:").contains(message);
  }

  @Test
  void listFunctionsWorkOnDynamicInput() {
    CelTesting t = new CelTesting().var("o", Map.of("l", List.of(3, 1, 2), "s", List.of("b", "a")));
    assertThat(t.eval("o.l.sum()")).isEqualTo(6L);
    assertThat(t.eval("o.l.max()")).isEqualTo(3L);
    assertThat(t.eval("o.s.isSorted()")).isEqualTo(false);
    assertThat(t.eval("o.l.indexOf(2)")).isEqualTo(2L);
  }
}
