package dev.imagegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kyverno v1.19's admission validation of verifyImages policies, row by row: the spec fields, the
 * verifyImages entry, Kyverno's verdict ({@code valid}, {@code error: TEXT} or {@code warning:
 * TEXT}) and the Kyverno source that decides it. CRD defaults apply first (mutateDigest true, no
 * failure action = Audit).
 */
class PolicyValidationTest {
  private static final String KEY =
      "{keys: {publicKeys: \"-----BEGIN PUBLIC KEY-----\\nx\\n-----END PUBLIC KEY-----\"}}";

  @ParameterizedTest(name = "[{index}] {3}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      `validationFailureAction: Enforce` | `{attestors: [{entries: [@KEY@]}]}` | valid | validate.go
      `validationFailureAction: Audit` | `{attestors: [{entries: [@KEY@]}]}` | `error: spec.rules[0].verifyImages[0].mutateDigest: mutateDigest must be set to false for ‘Audit’ failure action` | image_verification_types.go ImageVerification.Validate
      `background: true` | `{attestors: [{entries: [@KEY@]}]}` | `error: spec.rules[0].verifyImages[0].mutateDigest: mutateDigest must be set to false for ‘Audit’ failure action` | spec_types.go Audit() for an empty action
      `validationFailureAction: Audit` | `{mutateDigest: false, attestors: [{entries: [@KEY@]}]}` | valid | image_verification_types.go
      `validationFailureAction: Audit` | `{failureAction: Enforce, attestors: [{entries: [@KEY@]}]}` | valid | validate.go entry action wins
      `validationFailureAction: Enforce` | `{failureAction: Audit, attestors: [{entries: [@KEY@]}]}` | `error: spec.rules[0].verifyImages[0].mutateDigest: mutateDigest must be set to false for ‘Audit’ failure action` | validate.go entry action wins
      `validationFailureAction: enforce` | `{attestors: [{entries: [@KEY@]}]}` | `warning: Validation failure actions enforce/audit are deprecated, use Enforce/Audit instead.` | validate.go checkValidationFailureAction
      `{validationFailureAction: Enforce, validationFailureActionOverrides: [{action: audit, namespaces: [dev]}]}` | `{attestors: [{entries: [@KEY@]}]}` | `warning: Validation failure actions enforce/audit are deprecated, use Enforce/Audit instead.` | validate.go checkValidationFailureAction overrides
      `{validationFailureAction: Enforce, admission: false}` | `{attestors: [{entries: [@KEY@]}]}` | `error: disabling admission processing is only allowed with validation policies` | validate.go Validate
      `validationFailureAction: Enforce` | `{attestors: [{entries: [{keyless: {subject: a, issuer: b}}]}]}` | `error: spec.rules[0].verifyImages[0].attestors[0].entries[0].keyless: Either Rekor URL or roots are required` | KeylessAttestor.Validate
      `validationFailureAction: Enforce` | `{attestors: [{entries: [{keyless: {subject: a, issuer: b, rekor: {ignoreTlog: true}}}]}]}` | `error: spec.rules[0].verifyImages[0].attestors[0].entries[0].keyless: An URL is required` | KeylessAttestor.Validate (rekor.url has no default)
      `validationFailureAction: Enforce` | `{attestors: [{entries: [{keyless: {subject: a, issuer: b, rekor: {url: "https://rekor.sigstore.dev"}}}]}]}` | valid | KeylessAttestor.Validate
      `validationFailureAction: Enforce` | `{attestors: [{entries: [{keyless: {subject: a, issuer: b, roots: "-----BEGIN CERTIFICATE-----\\nx\\n-----END CERTIFICATE-----"}}]}]}` | valid | KeylessAttestor.Validate
      `validationFailureAction: Enforce` | `{attestors: [{entries: [{attestor: {entries: [{keyless: {subject: a}}]}}]}]}` | `error: spec.rules[0].verifyImages[0].attestors[0].entries[0].attestor.entries[0].keyless: Either Rekor URL or roots are required` | Attestor.Validate nested set
      `validationFailureAction: Enforce` | `{attestations: [{type: t, attestors: [{entries: [{keyless: {subject: a}}]}]}]}` | `error: spec.rules[0].verifyImages[0].attestations[0].attestors[0].entries[0].keyless: Either Rekor URL or roots are required` | Attestation.Validate
      `validationFailureAction: Enforce` | `{imageReferences: []}` | `error: spec.rules[0].verifyImages[0]: An image reference is required` | ImageVerification.Validate
      `validationFailureAction: Enforce` | `{imageReferences: ["{{ request.object.spec.image }}"]}` | `error: rule "r" should not have variables in image reference section` | validate.go imageRefHasVariables
      `validationFailureAction: Enforce` | `{attestors: [{count: 2, entries: [@KEY@]}]}` | `error: spec.rules[0].verifyImages[0].attestors[0]: Count cannot exceed length of entries` | validateAttestorSet
      `validationFailureAction: Enforce` | `{attestors: [{entries: []}]}` | `error: spec.rules[0].verifyImages[0].attestors[0]: An entry is required` | validateAttestorSet
      `validationFailureAction: Enforce` | `{type: Notary, attestors: [{entries: [{keyless: {subject: a, roots: r}}]}]}` | `error: spec.rules[0].verifyImages[0].attestors: Keyless field is not allowed for type notary` | ImageVerification.Validate
      `validationFailureAction: Enforce` | `{type: Notary, attestors: [{entries: [@KEY@]}]}` | `error: spec.rules[0].verifyImages[0].attestors: Keys field is not allowed for type notary` | ImageVerification.Validate
      `validationFailureAction: Enforce` | `{}` | valid | test/cli/test/images/digest: an entry with no attestors is valid
      `validationFailureAction: Audit` | `{mutateDigest: false, verifyDigest: true}` | valid | chainsaw nomutateDigest-verifyDigest-norequired
      `validationFailureAction: Enforce` | `{attestations: [{type: t}]}` | valid | chainsaw keyless-attestations-multiple-subjects-4
      """)
  void kyvernoVerdict(String spec, String entry, String verdict, String source) {
    LoadResult r = PolicyLoader.parse(policy(spec, entry), "p.yaml");
    List<String> errors = r.rejected().stream().flatMap(x -> x.errors().stream()).toList();
    List<String> warnings = r.warnings().stream().map(LoadWarning::message).toList();
    if (verdict.equals("valid")) {
      assertThat(errors).as(source).isEmpty();
      assertThat(r.policies()).hasSize(1);
    } else if (verdict.startsWith("error: ")) {
      assertThat(errors).as(source).contains(verdict.substring("error: ".length()));
      assertThat(r.policies()).isEmpty();
    } else {
      assertThat(errors).as(source).isEmpty();
      assertThat(warnings).as(source).contains(verdict.substring("warning: ".length()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ClusterPolicy", "Policy"})
  void legacyKindsCarryKyvernosDeprecationNoticeOncePerPolicy(String kind) {
    // pkg/deprecations/deprecations.go (v1.19)
    String text =
        policy("validationFailureAction: Enforce", "{attestors: [{entries: [" + KEY + "]}]}")
            .replace("kind: ClusterPolicy", "kind: " + kind);
    LoadResult r = PolicyLoader.parse(text, "p.yaml");
    assertThat(r.warnings())
        .extracting(LoadWarning::message)
        .filteredOn(m -> m.contains("is deprecated"))
        .containsExactly(PolicyValidation.deprecation(kind));
    assertThat(PolicyValidation.deprecation(kind))
        .startsWith(kind + " (kyverno.io) is deprecated and will be removed in a future release;")
        .contains("ImageValidatingPolicy (policies.kyverno.io)")
        .endsWith("see https://kyverno.io/docs/guides/migration-to-cel/");
  }

  private static String policy(String spec, String entry) {
    String specFields = spec.startsWith("{") ? spec.substring(1, spec.length() - 1) : spec;
    String body = entry.substring(1, entry.length() - 1).replace("@KEY@", KEY);
    String verify =
        body.contains("imageReferences")
            ? "{" + body + "}"
            : "{imageReferences: [\"*\"]" + (body.isBlank() ? "" : ", " + body) + "}";
    return """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: p}
        spec: {%s, rules: [{name: r, match: {any: [{resources: {kinds: [Pod]}}]}, verifyImages: [%s]}]}
        """
        .formatted(specFields, verify);
  }
}
