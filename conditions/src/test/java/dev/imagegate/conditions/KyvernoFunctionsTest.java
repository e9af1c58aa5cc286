package dev.imagegate.conditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each Kyverno function: expression | expected JSON, against a fixed data document and a fixed
 * clock.
 */
class KyvernoFunctionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final KyvernoJmesPath JP = KyvernoJmesPath.create(CLOCK);
  private static final String DATA =
      """
      {"name": "Nginx-Web", "labels": {"app": "web", "tier": "front"}, "csv": "a,b,c",
       "n": 7, "list": [1, 2, 3], "mem": ["1Gi", "512Mi"], "version": "v1.24.3"}
      """;
  private static final String PEM =
      """
      -----BEGIN CERTIFICATE-----
      MIIBhTCCASugAwIBAgIUI6pHV/6C7XaukzTB/Y++QRvTlVwwCgYIKoZIzj0EAwIw
      GDEWMBQGA1UEAwwNaW1hZ2VnYXRlLXRlc3QwHhcNMjQwMTAxMDAwMDAwWhcNMzQw
      MTAxMDAwMDAwWjAYMRYwFAYDVQQDDA1pbWFnZWdhdGUtdGVzdDBZMBMGByqGSM49
      AgEGCCqGSM49AwEHA0IABB8Rk5l2D8mPq1t1n6y3E0kQKfP9f9uEzVQm3rjvMn0h
      -----END CERTIFICATE-----
      """;

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
      to_upper(name)                                         => "NGINX-WEB"
      to_lower(name)                                         => "nginx-web"
      trim('  x  ', ' ')                                     => "x"
      trim('--x-', '-')                                      => "x"
      trim_prefix(name, 'Nginx-')                            => "Web"
      split(csv, ',')                                        => ["a","b","c"]
      replace('aaa', 'a', 'b', `2`)                          => "bba"
      replace('aaa', 'a', 'b', `-1`)                         => "bbb"
      replace_all('a-b-c', '-', '.')                         => "a.b.c"
      regex_match('^v[0-9]+', version)                       => true
      regex_match('^[0-9]+$', `123`)                         => true
      regex_match('^x', version)                             => false
      regex_replace_all('v([0-9]+)\\..*', version, 'major-$1') => "major-1"
      regex_replace_all_literal('[0-9]', 'a1b2', '$')        => "a$b$"
      label_match(`{"app":"web"}`, labels)                   => true
      label_match(`{"app":"db"}`, labels)                    => false
      pattern_match('Nginx-*', name)                         => true
      pattern_match('1?3', `123`)                            => true
      add(`1`, `2`)                                          => 3
      add('1Gi', '512Mi')                                    => "1536Mi"
      add('1h', '30m')                                       => "1h30m0s"
      subtract(`10`, `2.5`)                                  => 7.5
      subtract('1Gi', '512Mi')                               => "512Mi"
      multiply(`3`, `4`)                                     => 12
      multiply('2Gi', `2`)                                   => "4Gi"
      multiply('30m', `2`)                                   => "1h0m0s"
      divide(`10`, `4`)                                      => 2.5
      divide('1Gi', '512Mi')                                 => 2
      divide('1h', '30m')                                    => 2
      modulo(`10`, `3`)                                      => 1
      modulo('90m', '1h')                                    => "30m0s"
      round(`2.567`, `2`)                                    => 2.57
      sum(list)                                              => 6
      sum(mem)                                               => "1536Mi"
      base64_encode('hello')                                 => "aGVsbG8="
      base64_decode('aGVsbG8=')                              => "hello"
      compare('a', 'b')                                      => -1
      compare('b', 'b')                                      => 0
      equal_fold('Go', 'GO')                                 => true
      truncate('abcdef', `3`)                                => "abc"
      truncate('ab', `5`)                                    => "ab"
      path_canonicalize('/a/b/../c/./d//')                   => "/a/c/d"
      semver_compare('1.2.3', '>1.0.0 <2.0.0')               => true
      semver_compare('v1.24.3', '>=1.25.0')                  => false
      semver_compare('3.1.0', '<1.0.0 || >=3.0.0')           => true
      semver_compare('1.2.3', '1.x')                         => true
      parse_json('{"a":[1,2]}').a                            => [1,2]
      parse_yaml('{a: b, c: [1]}').c                           => [1]
      to_number('42')                                        => 42
      to_string(n)                                           => "7"
      lookup(labels, 'app')                                  => "web"
      lookup(list, `1`)                                      => 2
      items(labels, 'key', 'value')[0]                       => {"key":"app","value":"web"}
      items(list, 'i', 'v')[2]                               => {"i":2,"v":3}
      object_from_lists(['a','b'], [`1`, `2`])               => {"a":1,"b":2}
      time_now_utc()                                         => "2024-03-01T12:00:00Z"
      time_now()                                             => "2024-03-01T12:00:00Z"
      time_add('2024-01-01T00:00:00Z', '36h')                => "2024-01-02T12:00:00Z"
      time_utc('2024-01-01T02:00:00+02:00')                  => "2024-01-01T00:00:00Z"
      time_parse('2006-01-02', '2024-02-29')                 => "2024-02-29T00:00:00Z"
      time_parse('Mon Jan 2 15:04:05 2006', 'Mon May 22 14:45:04 2023') => "2023-05-22T14:45:04Z"
      time_parse('', '1700000000')                           => "2023-11-14T22:13:20Z"
      time_to_cron('2024-03-01T12:30:00Z')                   => "30 12 1 3 5"
      time_diff('2024-01-01T00:00:00Z', '2024-01-01T01:30:00Z') => "1h30m0s"
      time_since('', '2024-03-01T11:00:00Z', '')             => "1h0m0s"
      time_since('2006-01-02', '2024-02-29', '2024-03-01')   => "24h0m0s"
      time_before('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z') => true
      time_after('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z')  => false
      time_between('2024-01-02T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z') => true
      time_truncate('2024-03-01T12:34:56Z', '1h')            => "2024-03-01T12:00:00Z"
      time_truncate('2024-03-01T12:34:56Z', '24h')           => "2024-03-01T00:00:00Z"
      """)
  void functionResults(String expression, String expected) throws Exception {
    JsonNode result = JP.search(expression, JSON.readTree(DATA));
    JsonNode want = JSON.readTree(expected);
    if (want.isNumber()) {
      assertThat(result.isNumber()).as("number result for %s, got %s", expression, result).isTrue();
      assertThat(result.decimalValue()).isEqualByComparingTo(want.decimalValue());
    } else {
      assertThat(result).as(expression).isEqualTo(want);
    }
  }

  @ParameterizedTest(name = "{0} fails: {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
      to_upper(n)                          => to_upper: argument 1 must be a string
      divide(`1`, `0`)                     => divide: division by zero
      add('1Gi', '1h')                     => add: operands must be of the same kind
      base64_decode('!!!')                 => base64_decode: not valid base64
      time_add('yesterday', '1h')          => is not an RFC 3339 time
      semver_compare('abc', '>1.0.0')      => is not a semantic version
      regex_match('(', 'x')                => invalid regular expression
      parse_json('{')                      => parse_json: cannot parse input
      parse_json('{"a":1,"a":2}')          => parse_json: cannot parse input: Duplicate field 'a'
      no_such_function(`1`)                => no_such_function
      foo[                                 => JMESPath 'foo['
      """)
  void functionErrorsNameTheFunction(String expression, String message) {
    assertThatThrownBy(() -> JP.search(expression, JSON.readTree(DATA)))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining(message);
  }

  @org.junit.jupiter.api.Test
  void x509DecodeRejectsGarbage() {
    assertThatThrownBy(
            () -> JP.search("x509_decode('" + PEM.replace("\n", "") + "')", JSON.readTree(DATA)))
        .hasMessageContaining("x509_decode");
  }
}
