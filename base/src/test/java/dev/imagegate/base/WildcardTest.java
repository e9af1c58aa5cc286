package dev.imagegate.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one Kyverno wildcard (ext/wildcard, IGLOU-EU/go-wildcard v1.0.3) used by imageReferences,
 * skipImageReferences, keyless subject/issuer and conditions; rows from Kyverno's
 * ext/wildcard/match_test.go and the keyless rows that sigstore used to test on its own copy.
 */
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
      a*                                  | a*b                                        | true
      a*b                                 | a*b                                        | true
      a?c                                 | a*c                                        | true
      https://github.com/org/*            | https://github.com/org/repo/.github/workflows/x.yml@refs/heads/main | true
      https://github.com/org/*            | https://github.com/other/repo              | false
      *@example.com                       | alice@example.com                          | true
      *@example.com                       | alice@example.com.evil                     | false
      alice@example.co?                   | alice@example.com                          | true
      alice@example.co?                   | alice@example.co                           | false
      a*b*c                               | aXXbYY                                     | false
      **a                                 | a                                          | true
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
