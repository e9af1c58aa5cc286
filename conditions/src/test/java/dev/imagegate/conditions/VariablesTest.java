package dev.imagegate.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariablesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Variables VARS =
      new Variables(KyvernoJmesPath.create(KyvernoFunctionsTest.CLOCK));
  private static final String DATA =
      """
      {"request": {"object": {"metadata": {"name": "web", "labels": {"team": "a"}}}, "operation": "CREATE"},
       "keys": {"data": {"production": "PEM", "which": "production"}},
       "reviewers": ["bob"], "count": 3, "repo": {"uri": "https://git-repo.com/org/app"}}
      """;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
      "{{ repo.uri }}"                                       => "https://git-repo.com/org/app"
      "{{repo.uri}}"                                         => "https://git-repo.com/org/app"
      "{{ reviewers }}"                                      => ["bob"]
      "{{ count }}"                                          => 3
      "n={{ count }} r={{ reviewers }}"                      => "n=3 r=[\\"bob\\"]"
      "{{ request.object.metadata.name }}-{{ request.operation }}" => "web-CREATE"
      "{{ keys.data.{{ keys.data.which }} }}"                => "PEM"
      "{{ request.object.metadata.labels.owner || 'none' }}" => "none"
      "\\\\{{ not.a.variable }}"                             => "{{ not.a.variable }}"
      "no variables"                                         => "no variables"
      "{{ to_upper(request.object.metadata.name) }}"         => "WEB"
      {"k": ["{{ count }}", "x{{ count }}"]}                 => {"k": [3, "x3"]}
      """)
  void substitutes(String template, String expected) throws Exception {
    SubstitutionResult r = VARS.substitute(JSON.readTree(template), JSON.readTree(DATA));
    assertThat(r).isInstanceOf(SubstitutionResult.Substituted.class);
    assertThat(((SubstitutionResult.Substituted) r).value()).isEqualTo(JSON.readTree(expected));
  }

  @ParameterizedTest(name = "{0} fails")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
      "{{ repo.missing }}"             => variable {{ repo.missing }} not found
      "x {{ nothing }} y"              => variable {{ nothing }} not found
      "{{ }}"                          => empty variable
      "{{ to_upper(count) }}"          => to_upper: argument 1 must be a string
      """)
  void missingVariablesAreErrors(String template, String message) throws Exception {
    SubstitutionResult r = VARS.substitute(JSON.readTree(template), JSON.readTree(DATA));
    assertThat(r)
        .isInstanceOfSatisfying(
            SubstitutionResult.Failed.class, f -> assertThat(f.message()).contains(message));
  }

  @org.junit.jupiter.api.Test
  void detectsVariables() throws Exception {
    JsonNode n = JSON.readTree("{\"a\": [1, {\"b\": \"{{ x }}\"}]}");
    assertThat(Variables.containsVariables(n)).isTrue();
    assertThat(Variables.containsVariables(JSON.readTree("{\"a\": \"b\"}"))).isFalse();
  }
}
