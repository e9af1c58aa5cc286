package dev.imagegate.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardTest {
  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      *                                   | anything                                   | true
      ''                                  | ''                                         | true
      ''                                  | x                                          | false
      ghcr.io/kyverno/test-verify-image*  | ghcr.io/kyverno/test-verify-image:signed    | true
      ghcr.io/kyverno/test-verify-image:* | ghcr.io/kyverno/test-verify-image@sha256:ab | false
      registry.company.com/*              | registry.company.com/critical/app:v1        | true
      my-bucket?/abc*                     | mybucket/abc                               | false
      my-bucket?/abc*                     | my-bucket1/abc                             | true
      my??bucket                          | my4abucket                                 | true
      abc?efg                             | abc/efg                                    | true
      abc????                             | abcde                                      | false
      mnop*?                              | mnop                                       | false
      mnop*?and                           | mnopqand                                   | true
      mnop*?and                           | mnopand                                    | false
      In*/Ka*/Ban                         | India/Karnataka/Ban/Ban                    | true
      In*/Ka*/Ban                         | India/Karnataka/Bangalore                  | false
      prod-*                              | prod-eu                                    | true
      prod-*                              | staging                                    | false
      """)
  void matchesLikeKyverno(String pattern, String text, boolean expected) {
    assertThat(Wildcard.match(pattern, text)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void manyStarsStayFast() {
    // A pathological pattern for naive backtracking; the iterative matcher handles it in linear-ish
    // time.
    assertThat(Wildcard.match("*a*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(5000))).isFalse();
  }
}
