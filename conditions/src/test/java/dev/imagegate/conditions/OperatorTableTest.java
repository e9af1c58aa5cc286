package dev.imagegate.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operator semantics on substituted values: key JSON | operator | value JSON | expected. */
class OperatorTableTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      "main"                 | Equals              | "main"                  | true
      "main"                 | Equals              | "ma*"                   | true
      "main"                 | Equals              | "m?in"                  | true
      "main"                 | Equals              | "release"               | false
      "ma*"                  | Equals              | "main"                  | false
      1                      | Equals              | 1.0                     | true
      1                      | Equals              | "1"                     | true
      1.5                    | Equals              | "1.5"                   | true
      true                   | Equals              | true                    | true
      true                   | Equals              | "true"                  | false
      "1Gi"                  | Equals              | "1024Mi"                | true
      "1h"                   | Equals              | "60m"                   | true
      "1h"                   | Equals              | 3600                    | true
      {"a":1}                | Equals              | {"a":1.0}               | true
      ["a","b"]              | Equals              | ["a","b"]               | true
      ["a","b"]              | Equals              | ["b","a"]               | false
      null                   | Equals              | null                    | false
      "main"                 | NotEquals           | "release"               | true
      "main"                 | NotEquals           | "main"                  | false
      "bob"                  | In                  | ["ana","bob"]           | true
      ["bob"]                | In                  | ["ana","bob"]           | true
      ["bob","eve"]          | In                  | ["ana","bob"]           | false
      "bob"                  | In                  | "[\\"ana\\",\\"bob\\"]" | true
      "eve"                  | NotIn               | ["ana","bob"]           | true
      ["bob","eve"]          | NotIn               | ["ana","bob"]           | true
      "bob"                  | AnyIn               | ["ana","b*"]            | true
      ["x","bob"]            | AnyIn               | ["ana","bob"]           | true
      ["x","y"]              | AnyIn               | ["ana","bob"]           | false
      []                     | AnyIn               | ["ana"]                 | false
      ["GPL-3.0","GPL-3.0"]  | AllIn               | ["GPL-3.0"]             | true
      ["GPL-3.0","MIT"]      | AllIn               | ["GPL-3.0"]             | false
      []                     | AllIn               | ["GPL-3.0"]             | true
      "GPL-3.0"              | AllIn               | "GPL-3.0"               | true
      ["CVE-1","CVE-2"]      | AnyNotIn            | ["CVE-1","CVE-2"]       | false
      ["CVE-1","CVE-3"]      | AnyNotIn            | ["CVE-1","CVE-2"]       | true
      ["a","b"]              | AllNotIn            | ["c","d"]               | true
      ["a","c"]              | AllNotIn            | ["c","d"]               | false
      3                      | AnyIn               | "1-5"                   | true
      [7,8]                  | AnyIn               | "1-5"                   | false
      [2,3]                  | AllIn               | "1-5"                   | true
      [2,9]                  | AllIn               | "1-5"                   | false
      [7,8]                  | AnyIn               | "1!-5"                  | true
      [7,8]                  | AnyNotIn            | "1-5"                   | true
      [2,3]                  | AllNotIn            | "1-5"                   | false
      8080                   | AnyIn               | [80, 8080]              | true
      5                      | GreaterThan         | 3                       | true
      5                      | GreaterThan         | "3"                     | true
      "5"                    | GreaterThanOrEquals | 5                       | true
      2.5                    | LessThan            | 3                       | true
      3                      | LessThanOrEquals    | 3.0                     | true
      "2Gi"                  | GreaterThan         | "1500Mi"                | true
      "500m"                 | LessThan            | "1"                     | true
      "1.10.0"               | GreaterThan         | "1.9.3"                 | true
      "1.0.0-rc.1"           | LessThan            | "1.0.0"                 | true
      "2h"                   | GreaterThan         | "90m"                   | true
      7200                   | GreaterThan         | "1h"                    | true
      "abc"                  | GreaterThan         | "abd"                   | false
      "2h"                   | DurationGreaterThan | "1h"                    | true
      "30m"                  | DurationLessThan    | "1h"                    | true
      3600                   | DurationLessThanOrEquals   | "1h"             | true
      "1h"                   | DurationGreaterThanOrEquals | 3600           | true
      "soon"                 | DurationGreaterThan | "1h"                    | false
      """)
  void operatorSemantics(String key, String operator, String value, boolean expected)
      throws Exception {
    Operator op = Operator.fromPolicyName(operator).orElseThrow();
    assertThat(ConditionEvaluator.holds(op, JSON.readTree(key), JSON.readTree(value)))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "Equals,EQUALS",
    "equals,EQUALS",
    "Equal,EQUALS",
    "NotEqual,NOT_EQUALS",
    "anyin,ANY_IN",
    "DurationLessThan,DURATION_LESS_THAN"
  })
  void operatorNamesAreCaseInsensitiveWithAliases(String name, Operator expected) {
    assertThat(Operator.fromPolicyName(name)).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"Contains", "''", "GreaterThen"})
  void unknownOperatorsAreRejected(String name) {
    assertThat(Operator.fromPolicyName(name)).isEmpty();
  }
}
