package dev.imagegate.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionEvaluatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ConditionEvaluator evaluator =
      ConditionEvaluator.create(KyvernoFunctionsTest.CLOCK);

  /**
   * Seed 002's code review attestation, evaluated against its predicate merged at the top level.
   */
  @Test
  void seedCodeReviewConditionsHoldOnThePredicate() throws Exception {
    JsonNode predicate =
        JSON.readTree(
            """
        {"author": "alice@example.com", "repo": {"branch": "main", "type": "git", "uri": "https://git-repo.com/org/app"},
         "reviewers": ["bob@example.com"]}""");
    ConditionBlock block =
        ConditionBlock.allOf(
            List.of(
                condition(
                    "{{ repo.uri }}",
                    Operator.EQUALS,
                    TextNode.valueOf("https://git-repo.com/org/app")),
                condition("{{ repo.branch }}", Operator.EQUALS, TextNode.valueOf("main")),
                new Condition(
                    TextNode.valueOf("{{ reviewers }}"),
                    Operator.IN,
                    JSON.readTree("[\"ana@example.com\", \"bob@example.com\"]"),
                    null)));
    JsonNode ctx =
        EvaluationContext.create()
            .request(JSON.readTree("{}"), "CREATE", "default")
            .merge(predicate)
            .toJson();
    assertThat(evaluator.evaluate(List.of(block), ctx)).isInstanceOf(ConditionResult.Passed.class);
  }

  /**
   * Kyverno's pkg/engine/internal/utils.go EvaluateConditions substitutes the whole list first: a
   * missing key is an error even where evaluating member by member would have stopped at a true
   * one. Rows: any-block members (key -> expected value "main"), Kyverno's verdict.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0} | {1} -> {2}")
  @org.junit.jupiter.params.provider.CsvSource({
    "'{{ repo.branch }}', '{{ nosuch.field }}', error",
    "'{{ nosuch.field }}', '{{ repo.branch }}', error",
    "'{{ repo.branch }}', '{{ repo.uri }}', pass",
    "'{{ repo.uri }}', '{{ repo.uri }}', fail"
  })
  void substitutedFirstAsKyverno(String first, String second, String expected) throws Exception {
    JsonNode ctx = JSON.readTree("{\"repo\": {\"branch\": \"main\", \"uri\": \"u\"}}");
    ConditionBlock any =
        ConditionBlock.anyOf(
            List.of(
                condition(first, Operator.EQUALS, TextNode.valueOf("main")),
                condition(second, Operator.EQUALS, TextNode.valueOf("main"))));
    ConditionResult r = evaluator.evaluateSubstitutedFirst(List.of(any), ctx);
    String got =
        switch (r) {
          case ConditionResult.Passed p -> "pass";
          case ConditionResult.Failed f -> "fail";
          case ConditionResult.Error e -> "error";
        };
    assertThat(got).as(r.toString()).isEqualTo(expected);
  }

  @Test
  void failureNamesKeyOperatorValueAndFoundValue() throws Exception {
    JsonNode ctx = JSON.readTree("{\"repo\": {\"branch\": \"dev\"}}");
    ConditionResult r =
        evaluator.evaluate(
            ConditionBlock.allOf(
                List.of(condition("{{ repo.branch }}", Operator.EQUALS, TextNode.valueOf("main")))),
            ctx);
    assertThat(r)
        .isInstanceOfSatisfying(
            ConditionResult.Failed.class,
            f -> {
              assertThat(f.key()).isEqualTo(TextNode.valueOf("dev"));
              assertThat(f.value()).isEqualTo(TextNode.valueOf("main"));
              assertThat(f.describe())
                  .contains("\"dev\"", "{{ repo.branch }}", "Equals", "\"main\"");
            });
  }

  @Test
  void anyBlockNeedsOneAndAllBlockNeedsEvery() throws Exception {
    JsonNode ctx = JSON.readTree("{\"a\": 1, \"b\": 2}");
    Condition aIs1 = condition("{{ a }}", Operator.EQUALS, JSON.readTree("1"));
    Condition bIs3 = condition("{{ b }}", Operator.EQUALS, JSON.readTree("3"));
    assertThat(evaluator.evaluate(ConditionBlock.anyOf(List.of(bIs3, aIs1)), ctx).passed())
        .isTrue();
    assertThat(evaluator.evaluate(ConditionBlock.allOf(List.of(aIs1, bIs3)), ctx).passed())
        .isFalse();
    assertThat(evaluator.evaluate(new ConditionBlock(List.of(bIs3), List.of(aIs1)), ctx).passed())
        .isFalse();
    assertThat(evaluator.evaluate(new ConditionBlock(List.of(), List.of()), ctx).passed()).isTrue();
  }

  /** Seed 001: validate.deny across named attestations (trivy, vex). */
  @Test
  void denyAcrossNamedAttestations() throws Exception {
    Condition deny =
        new Condition(
            TextNode.valueOf("{{ trivy.Vulnerabilities[*].VulnerabilityID }}"),
            Operator.ANY_NOT_IN,
            TextNode.valueOf("{{ vex.vulnerabilities[*].id }}"),
            null);
    JsonNode same =
        JSON.readTree(
            """
        {"trivy": {"Vulnerabilities": [{"VulnerabilityID": "CVE-1"}]}, "vex": {"vulnerabilities": [{"id": "CVE-1"}, {"id": "CVE-2"}]}}""");
    JsonNode extra =
        JSON.readTree(
            """
        {"trivy": {"Vulnerabilities": [{"VulnerabilityID": "CVE-9"}]}, "vex": {"vulnerabilities": [{"id": "CVE-1"}]}}""");
    // The deny condition holding means the request is denied.
    assertThat(evaluator.evaluate(ConditionBlock.anyOf(List.of(deny)), same).passed()).isFalse();
    assertThat(evaluator.evaluate(ConditionBlock.anyOf(List.of(deny)), extra).passed()).isTrue();
  }

  @Test
  void missingVariableIsAnErrorNotAFailure() throws Exception {
    ConditionResult r =
        evaluator.evaluate(
            ConditionBlock.allOf(
                List.of(condition("{{ repo.uri }}", Operator.EQUALS, TextNode.valueOf("x")))),
            JSON.readTree("{}"));
    assertThat(r)
        .isInstanceOfSatisfying(
            ConditionResult.Error.class,
            e -> assertThat(e.message()).contains("{{ repo.uri }}", "not found"));
  }

  private static Condition condition(String key, Operator op, JsonNode value) {
    return new Condition(TextNode.valueOf(key), op, value, null);
  }
}
