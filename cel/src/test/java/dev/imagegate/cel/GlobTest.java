package dev.imagegate.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases after gobwas/glob's own tests (compiled without separators) and Kyverno's policies. */
class GlobTest {
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          *                            | anything/at:all              | true
          *                            | ''                           | true
          ghcr.io/kyverno/*            | ghcr.io/kyverno/foo/bar:v1   | true
          ghcr.io/kyverno/*            | ghcr.io/other/foo            | false
          docker.io/*                  | docker.io/library/nginx      | true
          *.github.com                 | api.github.com               | true
          *.github.com                 | a.b.github.com               | true
          **.github.com                | a.b.github.com               | true
          ?at                          | cat                          | true
          ?at                          | at                           | false
          ?at                          | ñat                          | true
          [abc]at                      | bat                          | true
          [abc]at                      | dat                          | false
          [!abc]at                     | dat                          | true
          [!abc]at                     | cat                          | false
          [a-c]at                      | cat                          | true
          [a-c]at                      | fat                          | false
          [!a-c]at                     | fat                          | true
          {cat,dog}                    | dog                          | true
          {cat,dog}                    | cow                          | false
          {ghcr.io,docker.io}/*        | docker.io/x                  | true
          {a*,b?}                      | axyz                         | true
          {a*,b?}                      | bxy                          | false
          {a{b,c},d}                   | ac                           | true
          \\*                          | *                            | true
          \\*                          | x                            | false
          a,b                          | a,b                          | true
          a}                           | a}                           | true
          a.b                          | axb                          | false
          a+b                          | a+b                          | true
          (a)                          | (a)                          | true
          nginx:1.*                    | nginx:1.25                   | true
          nginx                        | nginx:latest                 | false
          """)
  void matches(String pattern, String value, boolean expected) {
    assertThat(Glob.matches(pattern, value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[abc", "{a,b", "a\\", "[]", "[z-a]"})
  void rejectsMalformedPatterns(String pattern) {
    assertThatThrownBy(() -> Glob.compile(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid glob pattern");
  }
}
