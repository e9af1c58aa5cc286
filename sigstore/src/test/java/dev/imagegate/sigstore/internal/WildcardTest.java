package dev.imagegate.sigstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardTest {
  @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://github.com/org/*                 | https://github.com/org/repo/.github/workflows/x.yml@refs/heads/main | true",
        "https://github.com/org/*                 | https://github.com/other/repo                                      | false",
        "*@example.com                            | alice@example.com                                                  | true",
        "*@example.com                            | alice@example.com.evil                                             | false",
        "alice@example.co?                        | alice@example.com                                                  | true",
        "alice@example.co?                        | alice@example.co                                                   | false",
        "*                                        | anything                                                           | true",
        "exact                                    | exact                                                              | true",
        "exact                                    | exactly                                                            | false",
        "a*b*c                                    | aXXbYYc                                                            | true",
        "a*b*c                                    | aXXbYY                                                             | false",
        "**a                                      | a                                                                  | true",
      })
  void matches(String pattern, String value, boolean expected) {
    assertThat(Wildcard.match(pattern, value)).isEqualTo(expected);
  }
}
