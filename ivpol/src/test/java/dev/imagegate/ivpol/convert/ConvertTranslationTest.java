package dev.imagegate.ivpol.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.ivpol.IvpolLint;
import dev.imagegate.ivpol.IvpolLoad;
import dev.imagegate.ivpol.IvpolLoader;
import dev.imagegate.policy.LintFinding;
import dev.imagegate.policy.Policy;
import dev.imagegate.policy.PolicyLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each legacy construct becomes (the text docs/convert.md shows), and that it lints clean. */
class ConvertTranslationTest {
  private static final String KEY =
      "-----BEGIN PUBLIC KEY-----\\n"
          + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE8nXRh950IZbRj8Ra/N9sbqOPZrfM\\n"
          + "5/KAQN0/KjHcorm/J5yctVd7iEcnessRQjU917hmKO6JWVGHpDguIyakZA==\\n"
          + "-----END PUBLIC KEY-----";

  private static Conversion convert(String spec) {
    String yaml =
        "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: p\nspec:\n"
            + (spec.contains("validationFailureAction:")
                ? spec
                : "  validationFailureAction: Enforce\n" + spec);
    var loaded = PolicyLoader.parse(yaml, "p.yaml");
    assertThat(loaded.rejected()).as(yaml).isEmpty();
    List<Policy> ps = loaded.policies();
    assertThat(ps).as(loaded.warnings().toString()).hasSize(1);
    Conversion c = PolicyConverter.convert(ps.get(0));
    IvpolLoad load = IvpolLoader.parse(c.yaml(), "converted.yaml");
    assertThat(load.unsupported()).isEmpty();
    assertThat(IvpolLint.lint(load.policies()))
        .filteredOn(f -> f.severity() == LintFinding.Severity.ERROR)
        .as(c.yaml())
        .isEmpty();
    return c;
  }

  private static String rule(String match, String verify) {
    return "  rules:\n  - name: r\n    match:\n" + match + "    verifyImages:\n" + verify;
  }

  private static final String PODS = "      any:\n      - resources:\n          kinds: [Pod]\n";

  @Test
  void countAndNestedSetsBecomeCountExpressions() {
    Conversion c =
        convert(
            rule(
                PODS,
                "    - imageReferences: ['registry.test/*']\n"
                    + "      attestors:\n"
                    + "      - count: 2\n"
                    + "        entries:\n"
                    + "        - keys: {publicKeys: \""
                    + KEY
                    + "\", rekor: {ignoreTlog: true}}\n"
                    + "        - keyless: {subject: 'https://github.com/org/*', issuer: https://token.actions.githubusercontent.com, rekor: {url: https://rekor.sigstore.dev}}\n"
                    + "        - attestor:\n"
                    + "            count: 1\n"
                    + "            entries:\n"
                    + "            - keys: {publicKeys: \""
                    + KEY
                    + "\", rekor: {ignoreTlog: true}, signatureAlgorithm: sha512}\n"));
    assertThat(c.gaps()).isEmpty();
    String y = c.yaml();
    assertThat(y)
        .contains(
            "verifyImageSignatures(image, [attestors.key, attestors.keyless]) + (verifyImageSignatures(image, [attestors.key2]) > 0 ? 1 : 0) >= 2")
        .contains("subjectRegExp: ^https://github\\.com/org/.*$")
        .contains("hashAlgorithm: sha512")
        .contains("insecureIgnoreTlog: true")
        .contains("- glob: registry.test/*");
  }

  @Test
  void matchExcludeAndPreconditionsBecomeConstraintsAndConditions() {
    Conversion c =
        convert(
            rule(
                    "      any:\n      - resources:\n          kinds: [Pod, apps/v1/Deployment]\n"
                        + "          namespaces: ['prod-*']\n"
                        + "          selector: {matchLabels: {app: web}}\n",
                    "    - imageReferences: ['*']\n"
                        + "      mutateDigest: false\n"
                        + "      verifyDigest: false\n"
                        + "      required: false\n"
                        + "      attestors:\n"
                        + "      - entries:\n"
                        + "        - keys: {publicKeys: \""
                        + KEY
                        + "\", rekor: {ignoreTlog: true}}\n")
                .replace(
                    "    verifyImages:",
                    "    exclude:\n      any:\n      - resources:\n          names: ['skip-*']\n"
                        + "    preconditions:\n      all:\n      - key: '{{ request.operation }}'\n"
                        + "        operator: NotEquals\n        value: DELETE\n    verifyImages:"));
    assertThat(c.gaps()).isEmpty();
    assertThat(c.yaml())
        .contains("resources: [pods]")
        .contains("apiGroups: [apps]")
        .contains("resources: [deployments]")
        .contains("objectSelector:\n      matchLabels:\n        app: web")
        .contains("expression: request.namespace.matches('^prod-.*$')")
        .contains("expression: \"!(request.name.matches('^skip-.*$'))\"")
        .contains("expression: \"!(request.operation == 'DELETE')\"")
        .contains("mutateDigest: false")
        .contains("verifyDigest: false")
        .contains("required: false")
        .doesNotContain("  matchImageReferences:");
  }

  @Test
  void attestationConditionsAndDenyBecomeCel() {
    Conversion c =
        convert(
            rule(
                PODS,
                "    - imageReferences: ['registry.test/*']\n"
                    + "      skipImageReferences: ['registry.test/base*']\n"
                    + "      attestations:\n"
                    + "      - type: https://slsa.dev/provenance/v1\n"
                    + "        name: prov\n"
                    + "        attestors:\n"
                    + "        - entries:\n"
                    + "          - keys: {publicKeys: \""
                    + KEY
                    + "\", rekor: {ignoreTlog: true}}\n"
                    + "        conditions:\n"
                    + "        - all:\n"
                    + "          - key: \"{{ regex_match('^https://github.com/', '{{ builder.id }}') }}\"\n"
                    + "            operator: Equals\n"
                    + "            value: true\n"
                    + "          - key: '{{ materials[].uri }}'\n"
                    + "            operator: AllIn\n"
                    + "            value: ['git+https://github.com/org/*']\n"
                    + "      validate:\n"
                    + "        message: \"built by {{ prov.builder.id }}\"\n"
                    + "        deny:\n"
                    + "          conditions:\n"
                    + "            any:\n"
                    + "            - key: '{{ prov.buildType }}'\n"
                    + "              operator: NotEquals\n"
                    + "              value: https://slsa.dev/container-based-build/v0.1\n"));
    assertThat(c.gaps()).isEmpty();
    assertThat(c.yaml())
        .contains("intoto:\n      type: https://slsa.dev/provenance/v1")
        .contains("verifyAttestationSignatures(image, attestations.prov, [attestors.key]) > 0")
        .contains("cel.bind(predicate, extractPayload(image, attestations.prov).predicate,")
        .contains("string(predicate.builder.id).matches('^https://github.com/') == true")
        .contains(
            "cel.bind(k, predicate.materials.flatten().filter(x, has(x.uri)).map(x, x.uri), (type(k) == list ? k : [k]).all(v, v.matches('^git\\\\+https://github\\\\.com/org/.*$')))")
        .contains(
            "'built by ' + string(extractPayload(image, attestations.prov).predicate.builder.id))")
        .contains(
            "ref.matches('^registry\\\\.test/.*$') && !(ref.matches('^registry\\\\.test/base.*$'))");
  }

  @Test
  void overridesPerNamespaceBecomeOnePolicyPerAction() {
    Conversion c =
        convert(
            "  validationFailureAction: Enforce\n"
                + "  validationFailureActionOverrides:\n"
                + "  - action: Audit\n"
                + "    namespaces: [dev]\n"
                + rule(
                    PODS,
                    "    - imageReferences: ['*']\n"
                        + "      attestors:\n"
                        + "      - entries:\n"
                        + "        - keys: {publicKeys: \""
                        + KEY
                        + "\", rekor: {ignoreTlog: true}}\n"));
    assertThat(c.policies()).extracting(ConvertedPolicy::name).containsExactly("p", "p-audit");
    assertThat(c.policies().get(0).yaml()).contains("validationActions: [Deny]");
    assertThat(c.policies().get(1).yaml())
        .contains("validationActions: [Audit]")
        .contains("(request.namespace == 'dev' ? 'Audit' : 'Enforce') == 'Audit'");
  }

  @Test
  void whatDoesNotConvertIsAGapAndATodo() {
    Conversion c =
        convert(
            rule(
                    PODS,
                    "    - imageReferences: ['*']\n"
                        + "      attestations:\n"
                        + "      - type: https://example.com/x\n"
                        + "        attestors:\n"
                        + "        - entries:\n"
                        + "          - keys: {publicKeys: \""
                        + KEY
                        + "\", rekor: {ignoreTlog: true}}\n"
                        + "        conditions:\n"
                        + "        - all:\n"
                        + "          - key: \"{{ items[?kind=='a'] | length(@) }}\"\n"
                        + "            operator: GreaterThan\n"
                        + "            value: 0\n")
                .replace(
                    "    verifyImages:",
                    "    context:\n    - name: reg\n      imageRegistry:\n        reference: x\n"
                        + "    verifyImages:"));
    assertThat(c.gaps())
        .extracting(ConversionGap::reason)
        .anySatisfy(r -> assertThat(r).startsWith("context reg (imageRegistry)"))
        .anySatisfy(r -> assertThat(r).contains("uses syntax with no CEL translation"));
    assertThat(c.yaml()).contains("# TODO(imagegate convert): context reg (imageRegistry)");
  }

  @Test
  void aRequiredEntryThatVerifiesNothingDeniesAsKyvernosScopedRequired() {
    String verifying =
        "    - imageReferences: ['registry.test/*']\n"
            + "      attestors:\n"
            + "      - entries:\n"
            + "        - keys: {publicKeys: \""
            + KEY
            + "\", rekor: {ignoreTlog: true}}\n";
    String requiring = "    - imageReferences: ['registry.test/*']\n      mutateDigest: false\n";
    // alone in its rule: Kyverno's validating pass finds no verification of this policy and rule
    Conversion alone = convert(rule(PODS, requiring));
    assertThat(alone.gaps()).isEmpty();
    assertThat(alone.yaml())
        .contains("expression: variables.allImages.size() == 0")
        .contains("unverified image: the legacy entry requires a verification")
        .contains("required: false");
    // next to a verifying entry of the same rule: ivpol cannot scope required to it
    Conversion sibling = convert(rule(PODS, verifying + requiring));
    assertThat(sibling.gaps())
        .singleElement()
        .satisfies(
            g ->
                assertThat(g.reason())
                    .startsWith("required entry without attestors next to verifying entries"));
    assertThat(sibling.yaml()).doesNotContain("variables.allImages.size() == 0");
    // required: false: nothing to deny
    Conversion optional =
        convert(rule(PODS, requiring.replace("mutateDigest: false", "required: false")));
    assertThat(optional.yaml()).doesNotContain("variables.allImages.size() == 0");
  }

  @Test
  void anExactReferenceAlsoMatchesTheImageIvpolPinned() {
    String entry =
        "    - imageReferences: ['registry.test/app:1.0', 'registry.test/other*']\n"
            + "      attestors:\n"
            + "      - entries:\n"
            + "        - keys: {publicKeys: \""
            + KEY
            + "\", rekor: {ignoreTlog: true}}\n";
    assertThat(convert(rule(PODS, entry)).yaml())
        .contains("registry.test/app:1.0@*")
        .doesNotContain("registry.test/other*@*");
    assertThat(
            convert(
                    rule(
                        PODS,
                        entry.replace(
                            "      attestors:", "      mutateDigest: false\n      attestors:")))
                .yaml())
        .doesNotContain("@*");
  }
}
