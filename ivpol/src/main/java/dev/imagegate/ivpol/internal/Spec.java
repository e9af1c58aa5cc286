package dev.imagegate.ivpol.internal;

import dev.imagegate.policy.LabelSelector;
import dev.imagegate.policy.Location;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The spec of an ImageValidatingPolicy as Kyverno's CRD defines it (identical for both kinds and
 * all versions), with Kyverno's defaults applied.
 */
public record Spec(
    Match match,
    List<Named> matchConditions,
    boolean failClosed,
    Set<Action> actions,
    List<Named> variables,
    List<ImageMatch> matchImageReferences,
    List<Named> images,
    List<AttestorSpec> attestors,
    List<AttestationSpec> attestations,
    Credentials credentials,
    boolean mutateDigest,
    boolean verifyDigest,
    boolean required,
    List<AuditAnnotation> auditAnnotations,
    List<ValidationSpec> validations,
    boolean jsonMode,
    boolean admission,
    boolean background,
    @Nullable List<String> autogenControllers,
    @Nullable Integer timeoutSeconds) {

  /** validationActions. */
  public enum Action {
    Deny,
    Audit,
    Warn
  }

  /** matchConstraints. */
  public record Match(
      List<ResourceRule> resourceRules,
      List<ResourceRule> excludeResourceRules,
      @Nullable LabelSelector namespaceSelector,
      @Nullable LabelSelector objectSelector,
      String matchPolicy) {}

  /** A NamedRuleWithOperations of admissionregistration. */
  public record ResourceRule(
      List<String> apiGroups,
      List<String> apiVersions,
      List<String> resources,
      List<String> operations,
      List<String> resourceNames,
      String scope,
      Location location) {}

  /** name + expression (matchConditions, variables, images). */
  public record Named(String name, Expr expression) {}

  /** One matchImageReferences entry: a glob or an expression. */
  public record ImageMatch(@Nullable String glob, @Nullable Expr expression, Location location) {}

  /** A value given inline or computed by CEL (Kyverno's StringOrExpression). */
  public record Text(@Nullable String value, @Nullable Expr expression) {
    public boolean isEmpty() {
      return (value == null || value.isBlank()) && expression == null;
    }
  }

  /** An attestor: cosign or notary. */
  public record AttestorSpec(
      String name, @Nullable Cosign cosign, @Nullable Notary notary, Location location) {}

  /** attestors[].cosign. */
  public record Cosign(
      @Nullable Text key,
      @Nullable String kms,
      String hashAlgorithm,
      @Nullable Keyless keyless,
      @Nullable Text certificate,
      @Nullable Text certChain,
      @Nullable CtLog ctlog,
      @Nullable String sourceRepository,
      @Nullable String sourceTagPrefix,
      @Nullable Text trustedRoot,
      boolean tuf,
      Map<String, String> annotations) {}

  /** keyless identities and roots. */
  public record Keyless(
      List<Identity> identities, @Nullable String roots, Map<String, String> extensions) {}

  /** One keyless identity. */
  public record Identity(
      @Nullable String issuer,
      @Nullable String subject,
      @Nullable String issuerRegExp,
      @Nullable String subjectRegExp,
      @Nullable Expr subjectExpression) {}

  /** ctlog. */
  public record CtLog(
      @Nullable String url,
      @Nullable String rekorPubKey,
      @Nullable String ctLogPubKey,
      @Nullable String tsaCertChain,
      boolean insecureIgnoreTlog,
      boolean insecureIgnoreSct) {}

  /** attestors[].notary. */
  public record Notary(Text certs, @Nullable Text tsaCerts) {}

  /** attestations[]: in-toto predicate type or OCI referrer artifactType. */
  public record AttestationSpec(
      String name, @Nullable String intotoType, @Nullable String referrerType, Location location) {}

  /** credentials. */
  public record Credentials(
      boolean allowInsecureRegistry, List<String> providers, List<String> secrets) {}

  /** auditAnnotations[]. */
  public record AuditAnnotation(String key, Expr valueExpression) {}

  /** validations[]. */
  public record ValidationSpec(
      Expr expression,
      @Nullable String message,
      @Nullable Expr messageExpression,
      @Nullable String reason) {}
}
