package dev.imagegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A rule's failure action as Kyverno v1.19 resolves it (pkg/engine/api/engineresponse.go
 * ruleAction, failureActionForRule): any Enforce entry, else the first entry action, else the first
 * matching override, else the spec. Rows: spec action, override (namespace=action or -), entry
 * actions (- for none), request namespace, Kyverno's action.
 */
class RuleFailureActionTest {
  @ParameterizedTest(name = "spec {0}, override {1}, entries {2}, ns {3} -> {4}")
  @CsvSource({
    "Audit,   -,          Audit Enforce, team, ENFORCE",
    "Audit,   -,          Enforce Audit, team, ENFORCE",
    "Enforce, -,          Audit -,       team, AUDIT",
    "Enforce, -,          - Audit,       team, AUDIT",
    "Audit,   team=Enforce, - -,         team, ENFORCE",
    "Enforce, team=Audit, - -,           team, AUDIT",
    "Enforce, team=Audit, - -,           other, ENFORCE",
    "Audit,   team=Enforce, Audit -,     team, AUDIT",
    "Audit,   -,          - -,           team, AUDIT"
  })
  void kyvernoRuleAction(
      String spec, String override, String entries, String namespace, FailureAction expected) {
    StringBuilder verify = new StringBuilder();
    for (String e : entries.split(" ")) {
      verify
          .append("{imageReferences: [\"*\"], mutateDigest: false")
          .append(e.equals("-") ? "" : ", failureAction: " + e)
          .append("},");
    }
    String overrides =
        override.equals("-")
            ? ""
            : ", validationFailureActionOverrides: [{action: "
                + override.split("=")[1]
                + ", namespaces: ["
                + override.split("=")[0]
                + "]}]";
    String text =
        """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: p}
        spec: {validationFailureAction: %s%s, rules: [{name: r, match: {any: [{resources: {kinds: [Pod]}}]}, verifyImages: [%s]}]}
        """
            .formatted(spec, overrides, verify);
    Policy p = PolicyLoader.parse(text, "p.yaml").policies().get(0);
    assertThat(p.rules().get(0).failureAction(p, namespace, Map.of())).isEqualTo(expected);
  }
}
