package dev.imagegate.ivpol.convert.internal;

import dev.imagegate.ivpol.convert.Conversion;
import dev.imagegate.ivpol.convert.ConversionGap;
import dev.imagegate.ivpol.convert.ConvertedPolicy;
import dev.imagegate.policy.ActionOverride;
import dev.imagegate.policy.FailureAction;
import dev.imagegate.policy.Policy;
import dev.imagegate.policy.Rule;
import dev.imagegate.policy.VerifyImage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One legacy policy -> its ImageValidatingPolicies. A legacy rule has its own match and each
 * verifyImages entry its own image references and settings, while an ivpol has one of each: so
 * every (rule, entry) pair becomes one ivpol, named after the policy when there is only one pair. A
 * failure action that {@code validationFailureActionOverrides} vary by namespace becomes one ivpol
 * per action, each limited by a matchCondition to the namespaces where it applies.
 */
public final class PolicyTranslation {
  private PolicyTranslation() {}

  /** One failure action and where it applies (null: everywhere). */
  record Variant(FailureAction action, @Nullable String condition, String suffix) {}

  public static Conversion translate(Policy p) {
    List<ConvertedPolicy> out = new ArrayList<>();
    List<ConversionGap> gaps = new ArrayList<>();
    List<Rule> rules = p.rules().stream().filter(r -> !r.verifyImages().isEmpty()).toList();
    boolean single = rules.size() == 1 && rules.get(0).verifyImages().size() == 1;
    Set<String> names = new LinkedHashSet<>();
    for (Rule r : rules) {
      Set<String> ruleGaps = new LinkedHashSet<>();
      for (int i = 0; i < r.verifyImages().size(); i++) {
        VerifyImage vi = r.verifyImages().get(i);
        String base =
            single
                ? p.name()
                : dnsName(p.name() + "-" + r.name() + (r.verifyImages().size() > 1 ? "-" + i : ""));
        List<Variant> variants = variants(p, r);
        for (Variant v : variants) {
          String name = dnsName(base + v.suffix());
          for (int n = 2; !names.add(name); n++) {
            name = dnsName(base + v.suffix() + "-" + n);
          }
          RuleDocument d = new RuleDocument(p, r, vi, name, v);
          out.add(new ConvertedPolicy(name, r.name(), d.yaml()));
          ruleGaps.addAll(d.gaps());
        }
      }
      for (String g : ruleGaps) {
        gaps.add(new ConversionGap(p.qualifiedName(), r.name(), r.location(), g));
      }
    }
    return new Conversion(p, out, gaps);
  }

  /**
   * Kyverno's rule action: Enforce if any entry says Enforce, else the first entry's action, else
   * the policy's, where the first matching override wins per namespace.
   */
  static List<Variant> variants(Policy p, Rule r) {
    FailureAction first = null;
    for (VerifyImage v : r.verifyImages()) {
      if (v.failureAction() == FailureAction.ENFORCE) {
        return List.of(new Variant(FailureAction.ENFORCE, null, ""));
      }
      if (first == null) {
        first = v.failureAction();
      }
    }
    if (first != null) {
      return List.of(new Variant(first, null, ""));
    }
    FailureAction def = p.validationFailureAction();
    List<ActionOverride> overrides =
        p.actionOverrides().stream().filter(o -> o.action() != def).toList();
    if (p.actionOverrides().isEmpty() || overrides.isEmpty()) {
      return List.of(new Variant(def, null, ""));
    }
    // first matching override wins: a chain of conditionals naming the action per namespace
    StringBuilder chain = new StringBuilder();
    for (ActionOverride o : p.actionOverrides()) {
      chain.append(overrideCondition(o)).append(" ? ").append(Cel.quote(actionName(o.action())));
      chain.append(" : ");
    }
    chain.append(Cel.quote(actionName(def)));
    String effective = "(" + chain + ")";
    FailureAction other =
        def == FailureAction.ENFORCE ? FailureAction.AUDIT : FailureAction.ENFORCE;
    return List.of(
        new Variant(def, effective + " == " + Cel.quote(actionName(def)), ""),
        new Variant(
            other,
            effective + " == " + Cel.quote(actionName(other)),
            "-" + actionName(other).toLowerCase(Locale.ROOT)));
  }

  private static String overrideCondition(ActionOverride o) {
    List<String> terms = new ArrayList<>();
    if (!o.namespaces().isEmpty()) {
      terms.add(Cel.matchesAnyWildcard("request.namespace", o.namespaces()));
    }
    if (o.namespaceSelector() != null) {
      terms.add(
          "("
              + Match.selectorCondition(
                  o.namespaceSelector(), "namespaceObject.metadata.?labels.orValue({})")
              + ")");
    }
    if (terms.isEmpty()) {
      return "false";
    }
    return terms.size() == 1 && !terms.get(0).contains(" || ")
        ? terms.get(0)
        : "(" + String.join(" || ", terms) + ")";
  }

  static String actionName(FailureAction a) {
    return a == FailureAction.ENFORCE ? "Enforce" : "Audit";
  }

  /** A DNS-1123 subdomain from a policy and rule name. */
  static String dnsName(String s) {
    String l = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
    l = l.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
    if (l.length() > 253) {
      l = l.substring(0, 253).replaceAll("[^a-z0-9]+$", "");
    }
    return l.isEmpty() ? "converted" : l;
  }
}
