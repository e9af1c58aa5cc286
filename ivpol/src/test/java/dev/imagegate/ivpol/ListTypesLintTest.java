package dev.imagegate.ivpol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.policy.LintFinding;
import dev.imagegate.testkit.IvpolYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes' list functions are typed per element type: a list of the wrong element type is a lint
 * (compile) error at the expression's file:line:column, while a {@code dyn} list read from the
 * object compiles and is checked at evaluation.
 */
class ListTypesLintTest {
  static final String POLICY =
      IvpolYaml.forPods(
          "lists",
          "CREATE",
          """
            validations:
            - expression: "['a', 'b'].sum() == 'ab'"
            - expression: "object.spec.containers.map(c, c.name).max() != ''"
            - expression: "[1, 2].max() == 2 && [duration('1s')].sum() > duration('0s')"
            - expression: "[true].min() || [1.5].isSorted()"
            - expression: "quantity('1').sign() == 1"
          """);

  @Test
  void wrongElementTypesAreLintErrorsWithTheirLocation() {
    IvpolLoad load = IvpolLoader.parse(POLICY, "lists.yaml");
    List<String> errors =
        IvpolLint.lint(load.policies()).stream()
            .filter(f -> f.severity() == LintFinding.Severity.ERROR)
            .map(LintFinding::toString)
            .toList();
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0))
        .startsWith("lists.yaml:13:")
        .contains("found no matching overload for 'sum' applied to 'list(string).()'");
    assertThat(errors.get(1))
        .startsWith("lists.yaml:17:")
        .contains("found no matching overload for 'sign'");
  }
}
