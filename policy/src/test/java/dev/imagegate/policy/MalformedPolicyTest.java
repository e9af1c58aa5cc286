package dev.imagegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each malformed policy fails with file:line:column and a message that says what to change. */
class MalformedPolicyTest {
  static Path resource(String name) {
    try {
      return Path.of(MalformedPolicyTest.class.getResource("/" + name).toURI());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      bad-type.yaml                 | 16 | 15 | spec.rules[0].verifyImages[0].type 'cosign' is not a verification type; use Cosign (the default), Notary or SigstoreBundle (the value is case-sensitive)
      bad-failure-action.yaml       | 6  | 28 | spec.validationFailureAction 'Block' is not a failure action; use Enforce or Audit
      bad-bool.yaml                 | 19 | 23 | spec.rules[0].verifyImages[0].mutateDigest must be true or false, got a string "false"
      bad-count.yaml                | 21 | 18 | spec.rules[0].verifyImages[0].attestors[0].count must be at least 1, got 0
      bad-count-type.yaml           | 21 | 18 | spec.rules[0].verifyImages[0].attestors[0].count must be an integer, got a string "one"
      bad-operation.yaml            | 14 | 34 | spec.rules[0].match.any[0].resources.operations[1] 'create' is not an operation; use CREATE, UPDATE, DELETE or CONNECT (upper case)
      missing-rule-name.yaml        | 8  | 13 | spec.rules[0].name is required
      two-trusts.yaml               | 23 | 13 | spec.rules[0].verifyImages[0].attestors[0].entries[0] sets more than one of keys, certificates, keyless and attestor; use one per entry
      bad-operator.yaml             | 33 | 25 | operator 'Contains' is not a condition operator; use one of Equals, NotEquals, In
      duplicate-key.yaml            | 5  | 3  | duplicate key "name"
      bad-apiversion.yaml           | 1  | 13 | apiVersion 'kyverno.io/v3' is not supported for ClusterPolicy; use kyverno.io/v1 or kyverno.io/v2beta1
      seed-002-keyless-issuer-typo.yaml | 23 | 25 | invalid YAML
      seed-002-keyless-unquoted-placeholders.yaml | 10 | 60 | quote values that start with {{
      alias-bomb.yaml               | 0  | 0  | document too large or too deeply nested after expanding aliases
      """)
  void errorsCarryLocationAndExplain(String file, int line, int column, String message) {
    Path path = resource("malformed/" + file);
    assertThatThrownBy(() -> PolicyLoader.load(List.of(path)))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> {
              assertThat(e.getMessage()).contains(message);
              assertThat(e.location().file()).isEqualTo(path.toString());
              if (line > 0) {
                assertThat(e.location().line()).as(e.getMessage()).isEqualTo(line);
                assertThat(e.location().column()).as(e.getMessage()).isEqualTo(column);
                assertThat(e.getMessage()).startsWith(path + ":" + line + ":" + column + ": ");
              }
            });
  }

  @Test
  void unknownFieldsAreWarningsWithTheirLocation() {
    LoadResult r = PolicyLoader.load(List.of(resource("malformed/unknown-fields.yaml")));
    assertThat(r.policies()).hasSize(1);
    assertThat(r.warnings())
        .extracting(LoadWarning::toString)
        .anySatisfy(
            w ->
                assertThat(w)
                    .endsWith(
                        "unknown-fields.yaml:28:9: unknown field \"spec.rules[0].verifyImages[0].verifyDigests\" (ignored)"))
        .anySatisfy(
            w ->
                assertThat(w)
                    .endsWith(
                        "unknown-fields.yaml:31:11: unknown field \"spec.rules[0].verifyImages[0].attestations[0].condition\" (ignored)"));
  }
}
