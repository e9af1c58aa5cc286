package dev.imagegate.cel;

import static dev.imagegate.cel.CelTesting.eval1;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expectations from k8s.io/apiserver/pkg/cel/library format.go and format_test.go. */
class FormatLibraryTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          format.dns1123Label().validate('my-label-name').hasValue()                 | false
          format.dns1123Label().validate('My-Label').hasValue()                      | true
          format.dns1123Subdomain().validate('apiextensions.k8s.io').hasValue()      | false
          format.dns1035Label().validate('my-label-name').hasValue()                 | false
          format.dns1035Label().validate('1abc').hasValue()                          | true
          format.qualifiedName().validate('apiextensions.k8s.io/v1beta1').hasValue() | false
          format.qualifiedName().validate('a/b/c').hasValue()                        | true
          format.dns1123LabelPrefix().validate('my-label-prefix-').hasValue()        | false
          format.dns1123SubdomainPrefix().validate('mysubdomain.prefix.-').hasValue() | false
          format.dns1035LabelPrefix().validate('my-label-prefix-').hasValue()        | false
          format.labelValue().validate('').hasValue()                                | false
          format.labelValue().validate('-x').hasValue()                              | true
          format.uri().validate('http://example.com').hasValue()                     | false
          format.uri().validate('example').hasValue()                                | true
          format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue()  | false
          format.uuid().validate('123e4567').hasValue()                              | true
          format.byte().validate('aGVsbG8=').hasValue()                              | false
          format.byte().validate('aGVsbG8').hasValue()                               | true
          format.date().validate('2021-01-01').hasValue()                            | false
          format.date().validate('2021-13-01').hasValue()                            | true
          format.datetime().validate('2021-01-01T00:00:00Z').hasValue()              | false
          format.datetime().validate('2021-01-01').hasValue()                        | true
          format.named('dns1123Label').hasValue()                                    | true
          format.named('unknown').hasValue()                                         | false
          format.named('dns1123Label').value().validate('a').hasValue()              | false
          format.dns1123Label().validate('ABC').value()                              | `[a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')]`
          format.uuid().validate('x').value()                                        | [does not match the UUID format]
          format.qualifiedName().validate('/x').value()                              | [prefix part must be non-empty]
          """)
  void evaluates(String expr, String expected) {
    assertThat(String.valueOf(eval1(expr))).isEqualTo(expected);
  }
}
