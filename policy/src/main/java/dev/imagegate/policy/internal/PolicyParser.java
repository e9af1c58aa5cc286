package dev.imagegate.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.conditions.ConditionBlock;
import dev.imagegate.policy.ActionOverride;
import dev.imagegate.policy.ContextEntry;
import dev.imagegate.policy.FailureAction;
import dev.imagegate.policy.FailurePolicy;
import dev.imagegate.policy.ImageExtractor;
import dev.imagegate.policy.LabelSelector;
import dev.imagegate.policy.LoadWarning;
import dev.imagegate.policy.MatchResources;
import dev.imagegate.policy.Policy;
import dev.imagegate.policy.Rule;
import dev.imagegate.policy.VerifyImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads a {@code ClusterPolicy}/{@code Policy} document into the model. */
public final class PolicyParser {
  public static final List<String> API_VERSIONS = List.of("kyverno.io/v1", "kyverno.io/v2beta1");

  /** Spec fields Kyverno has that do not change what imagegate decides. */
  private static final String[] SPEC_IGNORED = {
    "applyRules",
    "emitWarning",
    "mutateExistingOnPolicyUpdate",
    "generateExisting",
    "generateExistingOnPolicyUpdate",
    "useServerSideApply",
    "schemaValidation"
  };

  private static final String[] METADATA_IGNORED = {
    "labels",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "managedFields",
    "finalizers",
    "ownerReferences",
    "generateName",
    "selfLink",
    "deletionTimestamp",
    "deletionGracePeriodSeconds"
  };

  /** {@code metadata}: what the policy model keeps of it. */
  private record Metadata(
      String name, @Nullable String namespace, Map<String, String> annotations) {}

  /** {@code spec.webhookConfiguration}, which wins over the older top-level fields. */
  private record WebhookConfiguration(
      @Nullable FailurePolicy failurePolicy, @Nullable Integer timeoutSeconds) {}

  private PolicyParser() {}

  public static Policy parse(YamlDocument doc, List<LoadWarning> warnings) {
    Fields top = Fields.of(doc, "", doc.root(), warnings);
    String kind = top.requiredString("kind");
    String apiVersion = top.requiredString("apiVersion");
    if (!API_VERSIONS.contains(apiVersion)) {
      throw top.fail(
          "apiVersion",
          "'"
              + apiVersion
              + "' is not supported for "
              + kind
              + "; use kyverno.io/v1 or kyverno.io/v2beta1");
    }
    boolean cluster = kind.equals("ClusterPolicy");
    Metadata meta =
        top.object(
            "metadata",
            m -> {
              String name = m.requiredString("name");
              String namespace = m.string("namespace");
              m.ignore(METADATA_IGNORED);
              return new Metadata(name, namespace, m.stringMap("annotations"));
            });
    if (meta == null) {
      throw top.failHere("needs metadata.name");
    }
    // a namespaced Policy without a namespace lives in "default"; a ClusterPolicy has none
    String namespace = !cluster && meta.namespace() == null ? "default" : meta.namespace();
    top.ignore("status");
    Policy p =
        top.object(
            "spec", s -> spec(s, cluster, apiVersion, meta.name(), namespace, meta.annotations()));
    if (p == null) {
      throw top.failHere("needs a spec");
    }
    top.finish();
    return p;
  }

  private static Policy spec(
      Fields s,
      boolean cluster,
      String apiVersion,
      String name,
      @Nullable String namespace,
      Map<String, String> annotations) {
    FailureAction action = FailureAction.AUDIT;
    String vfa = s.string("validationFailureAction");
    boolean lowercase = "enforce".equals(vfa) || "audit".equals(vfa);
    if (vfa != null) {
      action =
          switch (vfa.toLowerCase(Locale.ROOT)) {
            case "enforce" -> FailureAction.ENFORCE;
            case "audit" -> FailureAction.AUDIT;
            default ->
                throw s.fail(
                    "validationFailureAction",
                    "'" + vfa + "' is not a failure action; use Enforce or Audit");
          };
    }
    FailurePolicy failurePolicy = failurePolicy(s, "failurePolicy");
    Integer timeout = timeout(s, "webhookTimeoutSeconds");
    WebhookConfiguration webhook =
        s.object(
            "webhookConfiguration",
            w -> {
              WebhookConfiguration c =
                  new WebhookConfiguration(
                      failurePolicy(w, "failurePolicy"), timeout(w, "timeoutSeconds"));
              w.ignore("matchConditions");
              return c;
            });
    FailurePolicy webhookPolicy = webhook == null ? null : webhook.failurePolicy();
    Integer webhookTimeout = webhook == null ? null : webhook.timeoutSeconds();
    boolean background = s.bool("background", true);
    List<ActionOverride> overrides =
        s.list("validationFailureActionOverrides", (o, i) -> actionOverride(o));
    JsonNode rawOverrides = s.get("validationFailureActionOverrides").orElse(null);
    if (rawOverrides != null) {
      for (JsonNode o : rawOverrides) {
        String a = o.path("action").asText("");
        lowercase |= a.equals("enforce") || a.equals("audit");
      }
    }
    boolean admission = s.bool("admission", true);
    s.ignore(SPEC_IGNORED);
    List<Rule> rules =
        s.list("rules", (r, i) -> rule(r)).stream().flatMap(Optional::stream).toList();
    if (!s.has("rules")) {
      throw s.failHere("needs rules");
    }
    FailurePolicy effectivePolicy =
        webhookPolicy != null
            ? webhookPolicy
            : failurePolicy != null ? failurePolicy : FailurePolicy.FAIL;
    Integer effectiveTimeout = webhookTimeout != null ? webhookTimeout : timeout;
    return new Policy(
        apiVersion,
        cluster,
        name,
        namespace,
        annotations,
        action,
        effectivePolicy,
        effectiveTimeout,
        background,
        rules,
        s.doc().valueAt(""),
        overrides,
        admission,
        lowercase);
  }

  private static ActionOverride actionOverride(Fields o) {
    String a = o.requiredString("action");
    FailureAction action =
        switch (a.toLowerCase(Locale.ROOT)) {
          case "enforce" -> FailureAction.ENFORCE;
          case "audit" -> FailureAction.AUDIT;
          default ->
              throw o.fail("action", "'" + a + "' is not a failure action; use Enforce or Audit");
        };
    List<String> namespaces = o.strings("namespaces");
    LabelSelector selector = o.object("namespaceSelector", MatchParser::selector);
    o.finish();
    return new ActionOverride(
        action, namespaces == null ? List.of() : namespaces, selector, o.location());
  }

  private static @Nullable FailurePolicy failurePolicy(Fields f, String field) {
    String v = f.string(field);
    if (v == null) {
      return null;
    }
    return switch (v) {
      case "Fail" -> FailurePolicy.FAIL;
      case "Ignore" -> FailurePolicy.IGNORE;
      default -> throw f.fail(field, "'" + v + "' is not a failure policy; use Fail or Ignore");
    };
  }

  private static @Nullable Integer timeout(Fields f, String field) {
    Integer t = f.integer(field);
    if (t != null && (t < 1 || t > 30)) {
      throw f.fail(field, "must be between 1 and 30 seconds, got " + t);
    }
    return t;
  }

  /** A rule, or null (with a warning) when it has no verifyImages. */
  /** The rule, or empty for a rule without verifyImages (skipped with a warning). */
  private static Optional<Rule> rule(Fields r) {
    String name = r.requiredString("name");
    MatchResources match = r.object("match", MatchParser::matchResources);
    if (match == null || match.isEmpty()) {
      throw r.failHere("rule '" + name + "' needs a match with resources");
    }
    MatchResources exclude = r.object("exclude", MatchParser::matchResources);
    List<ContextEntry> context = r.list("context", (c, i) -> MatchParser.contextEntry(c));
    Map<String, List<ImageExtractor>> extractors =
        r.get("imageExtractors").map(n -> MatchParser.imageExtractors(r, n)).orElse(Map.of());
    List<ConditionBlock> preconditions =
        r.get("preconditions")
            .map(n -> ConditionsParser.blocks(r.doc(), r.pointer("preconditions"), n, r.warnings()))
            .orElse(List.of());
    List<VerifyImage> verifyImages =
        r.get("verifyImages").map(n -> verifyImages(r, n)).orElse(List.of());
    r.ignore("skipBackgroundRequests", "reportProperties", "celPreconditions");
    for (String other : List.of("validate", "mutate", "generate")) {
      if (r.get(other).isPresent()) {
        r.warn(
            other,
            "rule '"
                + name
                + "': "
                + other
                + " rules are not evaluated by imagegate (only verifyImages)");
      }
    }
    if (verifyImages.isEmpty()) {
      r.warn("name", "rule '" + name + "' has no verifyImages and is skipped");
      return Optional.empty();
    }
    return Optional.of(
        new Rule(
            name,
            match,
            exclude == null ? MatchResources.NONE : exclude,
            context,
            extractors,
            preconditions,
            verifyImages,
            r.location()));
  }

  private static List<VerifyImage> verifyImages(Fields r, JsonNode node) {
    if (!node.isArray()) {
      throw r.fail("verifyImages", "must be a list");
    }
    List<VerifyImage> out = new java.util.ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(
          VerifyImageParser.parse(
              r.doc(), r.pointer("verifyImages") + "/" + i, node.get(i), i, r.warnings()));
    }
    return out;
  }
}
