package dev.imagegate.cel;

import static dev.imagegate.cel.CelTesting.error1;
import static dev.imagegate.cel.CelTesting.eval1;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expectations from k8s.io/apiserver/pkg/cel/library semverlib.go and SemVer 2.0 precedence. */
class SemverLibraryTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          isSemver('1.0.0')                                       | true
          isSemver('0.1.0-alpha.1')                               | true
          isSemver('1.0.0+build.1')                               | true
          isSemver('hello')                                       | false
          isSemver('v1.0')                                        | false
          isSemver('v1.0', true)                                  | true
          isSemver('1.0', true)                                   | true
          isSemver('01.01.01', true)                              | true
          isSemver('01.01.01')                                    | false
          isSemver('1.0.0-01')                                    | false
          isSemver('1.0-rc', true)                                | false
          semver('v1.0.0', true) == semver('1.0.0')               | true
          semver('01.01.01', true).minor()                        | 1
          semver('1.2.3').major()                                 | 1
          semver('1.2.3').patch()                                 | 3
          semver('1.2.3').compareTo(semver('1.2.3'))              | 0
          semver('1.2.3').compareTo(semver('2.0.0'))              | -1
          semver('1.2.3').compareTo(semver('0.1.2'))              | 1
          semver('1.0.0-alpha').isLessThan(semver('1.0.0'))       | true
          semver('1.0.0-alpha.1').isLessThan(semver('1.0.0-alpha.beta')) | true
          semver('1.0.0-beta.2').isLessThan(semver('1.0.0-beta.11'))     | true
          semver('1.0.0-rc.1').isGreaterThan(semver('1.0.0-beta.11'))    | true
          semver('1.0.0+a') == semver('1.0.0+b')                  | true
          """)
  void evaluates(String expr, String expected) {
    assertThat(String.valueOf(eval1(expr))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          semver('200K')        | No Major.Minor.Patch elements found
          semver('1.02.0')      | Minor number must not contain leading zeroes
          semver('1.x.0')       | Invalid character(s) found in minor number
          """)
  void fails(String expr, String message) {
    assertThat(error1(expr)).startsWith("eval:").contains(message);
  }
}
