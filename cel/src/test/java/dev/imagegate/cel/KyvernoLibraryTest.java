package dev.imagegate.cel;

import static dev.imagegate.cel.CelTesting.error1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Kyverno's sdk extensions/cel/libs (expectations from their tests and Go's behaviour). */
class KyvernoLibraryTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          sha256('hello')                        | 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
          hash.sha256('hello')                   | 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
          sha1('hello')                          | aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d
          md5('hello')                           | 5d41402abc4b2a76b9719d911017c592
          hash.md5('')                           | d41d8cd98f00b204e9800998ecf8427e
          `json.marshal(json.unmarshal('{"a":"b"}'))` | `{"a":"b"}`
          `json.unmarshal('{"a": 1}').a`          | 1.0
          `json.unmarshal('[1, "x", null]')`      | `[1.0, x, null]`
          `json.marshal({'b': dyn(1), 'a': dyn([dyn(1.0), dyn(2.5), dyn('<&>')]), 'c': dyn(null)})` | `{"a":[1,2.5,"\\u003c\\u0026\\u003e"],"b":1,"c":null}`
          `yaml.parse('a: 1\\nb: [x, y]')`         | `{a=1.0, b=[x, y]}`
          math.round(1.23456, 2)                 | 1.23
          math.round(2.5, 0)                     | 3.0
          math.round(-2.5, 0)                    | -3.0
          time.toCron(timestamp('2024-03-05T14:30:00Z'))               | 30 14 5 3 2
          time.truncate(timestamp('2024-03-05T14:30:45Z'), duration('1h')) | 2024-03-05T14:00:00Z
          time.truncate(timestamp('2024-03-05T14:30:45Z'), duration('24h')) | 2024-03-05T00:00:00Z
          time.now()                             | 2025-01-02T03:04:05Z
          `listObjToMap([{'name': 'a'}, {'name': 'b'}], [{'v': 1}, {'v': 2}], 'name', 'v')` | `{a=1, b=2}`
          `transform.listObjToMap([{'k': 'x'}], [{'v': 'y'}], 'k', 'v')` | `{x=y}`
          gzip.decompress(gzip.compress('hello world'))               | hello world
          parseServiceAccount('system:serviceaccount:ns1:sa1').Namespace | ns1
          user.parseServiceAccount('system:serviceaccount:ns1:sa1').Name | sa1
          parseServiceAccount('alice').Name                              | ``
          size(random())                                                 | 8
          random('[a-f]{4}-[0-9]{2}').matches('^[a-f]{4}-[0-9]{2}$')    | true
          random.random('(?:ab){2}x?').matches('^(ab){2}x?$')             | true
          random('\\\\d{3}').matches('^[0-9]{3}$')                         | true
          """)
  void evaluates(String expr, String expected) {
    CelTesting t =
        new CelTesting(
            CelSettings.defaults()
                .withClock(Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC))
                .withRandom(new Random(1)));
    assertThat(String.valueOf(t.eval(expr))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          globalContext.get('entry')                      | globalContext.get is not supported by imagegate
          globalContext.Get('entry', 'path')              | globalContext.get is not supported by imagegate
          json.unmarshal('{')                             | invalid JSON
          gzip.decompress(b'not gzip')                    | gzip: invalid header
          gzip.compress(1)                                | type conversion error
          listObjToMap([{'k': 'x'}], [], 'k', 'v')        | listObjToMap must take lists of equal length
          random('[^a]')                                  | random: unsupported or invalid pattern
          """)
  void fails(String expr, String message) {
    assertThat(error1(expr)).startsWith("eval:").contains(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http.get('https://example.com')", "http.Get('https://example.com')"})
  void httpIsNotDeclaredWithoutAnAllowList(String expr) {
    assertThat(error1(expr)).startsWith("compile:").contains("undeclared reference");
  }

  @Test
  void objectDataRoundTripsThroughJson() {
    Object r =
        new CelTesting()
            .var("object", Map.of("spec", Map.of("containers", List.of(Map.of("image", "x")))))
            .eval("json.unmarshal(json.marshal(object)).spec.containers[0].image");
    assertThat(r).isEqualTo("x");
  }
}
