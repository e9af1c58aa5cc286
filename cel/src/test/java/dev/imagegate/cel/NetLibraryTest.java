package dev.imagegate.cel;

import static dev.imagegate.cel.CelTesting.error1;
import static dev.imagegate.cel.CelTesting.eval1;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expectations from k8s.io/apiserver/pkg/cel/library ip.go / cidr.go documentation. */
class NetLibraryTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          isIP('127.0.0.1')                                     | true
          isIP('::1')                                           | true
          isIP('127.0.0.256')                                   | false
          isIP(':::1')                                          | false
          isIP('127.0.0.01')                                    | false
          isIP('fe80::1%eth0')                                  | false
          isIP('::ffff:1.2.3.4')                                | false
          ip.isCanonical('127.0.0.1')                           | true
          ip.isCanonical('::1')                                 | true
          ip.isCanonical('2001:db8::abcd')                      | true
          ip.isCanonical('2001:DB8::ABCD')                      | false
          ip.isCanonical('2001:db8:0:0:0:0:0:abcd')             | false
          ip('127.0.0.1').family()                              | 4
          ip('::1').family()                                    | 6
          ip('0.0.0.0').isUnspecified()                         | true
          ip('127.0.0.1').isUnspecified()                       | false
          ip('::').isUnspecified()                              | true
          ip('127.0.0.1').isLoopback()                          | true
          ip('::1').isLoopback()                                | true
          ip('1.2.3.4').isLoopback()                            | false
          ip('224.0.0.1').isLinkLocalMulticast()                | true
          ip('224.0.1.1').isLinkLocalMulticast()                | false
          ip('ff02::1').isLinkLocalMulticast()                  | true
          ip('169.254.169.254').isLinkLocalUnicast()            | true
          ip('192.168.0.1').isLinkLocalUnicast()                | false
          ip('fe80::1').isLinkLocalUnicast()                    | true
          ip('192.168.0.1').isGlobalUnicast()                   | true
          ip('255.255.255.255').isGlobalUnicast()               | false
          ip('2001:db8::abcd').isGlobalUnicast()                | true
          string(ip('2001:db8:0:0:0:0:0:abcd'))                 | 2001:db8::abcd
          ip('127.0.0.1') == ip('127.0.0.1')                    | true
          isCIDR('192.168.0.0/16')                              | true
          isCIDR('192.168.0.0/33')                              | false
          isCIDR('192.168.0.0')                                 | false
          cidr('192.168.0.0/24').containsIP(ip('192.168.0.1'))  | true
          cidr('192.168.0.0/24').containsIP(ip('192.168.1.1'))  | false
          cidr('192.168.0.0/24').containsIP('192.168.0.1')      | true
          cidr('::1/128').containsIP('::1')                     | true
          cidr('192.168.0.0/24').containsIP('::1')              | false
          cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/25')) | true
          cidr('192.168.0.0/24').containsCIDR('192.168.0.0/23') | false
          cidr('192.168.0.0/24').containsCIDR('192.168.0.1/32') | true
          string(cidr('192.168.0.1/24').ip())                   | 192.168.0.1
          string(cidr('192.168.0.1/24').masked())               | 192.168.0.0/24
          string(cidr('::1/64').masked())                       | ::/64
          cidr('192.168.0.0/16').prefixLength()                 | 16
          cidr('::1/128').ip().family()                         | 6
          string(1)                                             | 1
          """)
  void evaluates(String expr, String expected) {
    assertThat(String.valueOf(eval1(expr))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ip('1.2.3')                 | parse error during conversion from string
          ip('::ffff:1.2.3.4')        | IPv4-mapped IPv6 address is not allowed
          cidr('1.2.3.4/40')          | bad bits after slash
          ip.isCanonical('x')         | parse error
          """)
  void fails(String expr, String message) {
    assertThat(error1(expr)).startsWith("eval:").contains(message);
  }
}
