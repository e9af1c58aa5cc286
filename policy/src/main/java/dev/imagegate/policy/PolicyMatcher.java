package dev.imagegate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.base.Result;
import dev.imagegate.conditions.ConditionEvaluator;
import dev.imagegate.conditions.ConditionResult;
import dev.imagegate.conditions.EvaluationContext;
import dev.imagegate.conditions.KyvernoJmesPath;
import dev.imagegate.conditions.Variables;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.InvalidReferenceException;
import dev.imagegate.policy.internal.Autogen;
import dev.imagegate.policy.internal.ImageExtraction;
import dev.imagegate.policy.internal.ImageForms;
import dev.imagegate.policy.internal.ResourceMatching;
import dev.imagegate.policy.internal.RuleContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides which rules of a policy apply to a resource and which images each must verify, so that
 * the engine only loops and verifies: match/exclude (with autogen for pod controllers),
 * preconditions, context variables (ConfigMaps), variable substitution in {@code verifyImages},
 * image extraction and {@code imageReferences} / {@code skipImageReferences} matching. Thread-safe.
 */
public final class PolicyMatcher {
  private final KyvernoJmesPath jmesPath;
  private final Variables variables;
  private final ConditionEvaluator conditions;
  private final List<ConfigMap> configMaps;

  private PolicyMatcher(List<ConfigMap> configMaps, Clock clock) {
    this.jmesPath = KyvernoJmesPath.create(clock);
    this.variables = new Variables(jmesPath);
    this.conditions = new ConditionEvaluator(variables);
    this.configMaps = List.copyOf(configMaps);
  }

  /**
   * {@code configMaps} serve {@code context.configMap} entries; {@code clock} the time functions in
   * variables.
   */
  public static PolicyMatcher create(List<ConfigMap> configMaps, Clock clock) {
    return new PolicyMatcher(configMaps, clock);
  }

  public static PolicyMatcher create() {
    return new PolicyMatcher(List.of(), Clock.systemUTC());
  }

  public List<RuleMatch> matches(
      Policy policy, JsonNode resource, Operation operation, Map<String, String> namespaceLabels) {
    return matches(policy, resource, operation, namespaceLabels, null);
  }

  /**
   * {@code subresource} of an admission request ({@code status}...), or null for the whole object.
   */
  public List<RuleMatch> matches(
      Policy policy,
      JsonNode resource,
      Operation operation,
      Map<String, String> namespaceLabels,
      @Nullable String subresource) {
    ResourceMatching.Request request =
        new ResourceMatching.Request(resource, operation, namespaceLabels, subresource);
    if (!policy.clusterScoped()
        && !Objects.requireNonNull(policy.namespace(), "a namespaced Policy's namespace")
            .equals(request.namespace())) {
      return List.of();
    }
    String kind = resource.path("kind").asText("");
    List<RuleMatch> out = new ArrayList<>();
    for (Rule rule : policy.rules()) {
      Optional<String> autogenName = Autogen.ruleName(policy, rule, kind);
      @Nullable String podAlias = autogenName.isPresent() ? kind : null;
      if (!ResourceMatching.matches(rule.match(), request, podAlias)
          || ResourceMatching.excluded(rule.exclude(), request, podAlias)) {
        continue;
      }
      String ruleName = autogenName.orElse(rule.name());
      evaluate(policy, rule, ruleName, request).ifPresent(out::add);
    }
    return out;
  }

  private Optional<RuleMatch> evaluate(
      Policy policy, Rule rule, String ruleName, ResourceMatching.Request request) {
    ImageExtraction.Result extracted =
        ImageExtraction.extract(request.resource(), rule.imageExtractors(), jmesPath);
    List<InvalidImage> invalid = new ArrayList<>();
    extracted.problems().forEach(p -> invalid.add(new InvalidImage("", p.pointer(), p.message())));
    List<Parsed> parsed = new ArrayList<>();
    for (ImageExtraction.Extracted e : extracted.images()) {
      try {
        parsed.add(new Parsed(e, ImageReference.parse(e.image())));
      } catch (InvalidReferenceException ex) {
        invalid.add(new InvalidImage(e.image(), e.pointer(), String.valueOf(ex.getMessage())));
      }
    }
    EvaluationContext context =
        EvaluationContext.create()
            .request(request.resource(), request.operation().name(), request.namespace())
            .put("images", imagesVariable(parsed));
    RuleContext.Outcome built = RuleContext.build(rule, context, configMaps, variables, jmesPath);
    if (built instanceof RuleContext.Outcome.Failed f) {
      return Optional.of(
          new RuleMatch.Unresolvable(policy, rule, ruleName, f.message(), f.location()));
    }
    ConditionResult pre = conditions.evaluate(rule.preconditions(), context.toJson());
    if (pre instanceof ConditionResult.Error e) {
      return Optional.of(
          new RuleMatch.Unresolvable(
              policy, rule, ruleName, "preconditions: " + e.message(), rule.location()));
    }
    if (!pre.passed()) {
      return Optional.empty();
    }
    List<VerifyImage> resolved = new ArrayList<>();
    for (VerifyImage v : rule.verifyImages()) {
      switch (RuleContext.substitute(v, context, variables)) {
        case Result.Ok<VerifyImage>(VerifyImage substituted) -> resolved.add(substituted);
        case Result.Err<VerifyImage>(String reason) -> {
          return Optional.of(
              new RuleMatch.Unresolvable(policy, rule, ruleName, reason, v.location()));
        }
      }
    }
    List<MatchedImage> images = new ArrayList<>();
    for (VerifyImage v : resolved) {
      for (Parsed p : parsed) {
        if (ImageForms.matchesAny(v.imageReferences(), p.e.image(), p.ref)) {
          images.add(
              new MatchedImage(
                  rule,
                  v.index(),
                  v,
                  p.e.image(),
                  p.ref,
                  p.e.pointer(),
                  p.e.key(),
                  p.e.category(),
                  ImageForms.matchesAny(v.skipImageReferences(), p.e.image(), p.ref)));
        }
      }
    }
    return Optional.of(
        new RuleMatch.Applicable(policy, rule, ruleName, resolved, images, invalid, context));
  }

  private record Parsed(ImageExtraction.Extracted e, ImageReference ref) {}

  private static JsonNode imagesVariable(List<Parsed> parsed) {
    com.fasterxml.jackson.databind.node.ObjectNode images =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    for (Parsed p : parsed) {
      com.fasterxml.jackson.databind.node.ObjectNode category =
          images.has(p.e.category())
              ? (com.fasterxml.jackson.databind.node.ObjectNode) images.get(p.e.category())
              : images.putObject(p.e.category());
      category.set(p.e.key(), ImageForms.imageInfo(p.e.image(), p.ref, p.e.pointer()));
    }
    return images;
  }
}
