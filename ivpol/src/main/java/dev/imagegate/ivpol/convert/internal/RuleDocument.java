package dev.imagegate.ivpol.convert.internal;

import dev.imagegate.policy.Attestation;
import dev.imagegate.policy.AttestorSet;
import dev.imagegate.policy.ContextEntry;
import dev.imagegate.policy.FailureAction;
import dev.imagegate.policy.FailurePolicy;
import dev.imagegate.policy.ImageExtractor;
import dev.imagegate.policy.ImageVerificationType;
import dev.imagegate.policy.Policy;
import dev.imagegate.policy.Rule;
import dev.imagegate.policy.VerifyImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The ImageValidatingPolicy for one legacy rule and one of its verifyImages entries. Everything
 * that does not convert is collected as a reason and written as a TODO comment at the top.
 */
final class RuleDocument {
  private static final String ALL_IMAGES = "variables.allImages";

  private final Policy policy;
  private final Rule rule;
  private final VerifyImage vi;
  private final Set<String> gaps = new LinkedHashSet<>();
  private final Map<String, String> contextVariables = new LinkedHashMap<>(); // name -> CEL
  private final Map<String, String> attestationNames = new LinkedHashMap<>(); // legacy -> ivpol
  private final Y.Map root = Y.map();

  RuleDocument(
      Policy policy, Rule rule, VerifyImage vi, String name, PolicyTranslation.Variant variant) {
    this.policy = policy;
    this.rule = rule;
    this.vi = vi;
    build(name, variant);
  }

  List<String> gaps() {
    return List.copyOf(gaps);
  }

  String yaml() {
    return YamlWriter.write(root);
  }

  private void build(String name, PolicyTranslation.Variant variant) {
    Y.Map meta = Y.map().put("name", name);
    String namespace = policy.namespace();
    if (!policy.clusterScoped() && namespace != null) {
      meta.put("namespace", namespace);
    }
    Y.Map spec = Y.map();
    String action = variant.action() == FailureAction.ENFORCE ? "Deny" : "Audit";
    spec.put(
        "validationActions",
        Y.flow(List.of(action)),
        variant.condition() == null
            ? null
            : "validationFailureActionOverrides: this policy covers the namespaces where the\n"
                + "failure action is "
                + PolicyTranslation.actionName(variant.action())
                + " (see matchConditions)");
    if (policy.failurePolicy() == FailurePolicy.IGNORE) {
      spec.put(
          "failurePolicy",
          Y.str("Ignore"),
          "Kyverno's legacy Ignore also ignored registry errors; ivpol's only softens\n"
              + "matchConditions errors, verification errors still fail");
    }
    if (policy.webhookTimeoutSeconds() != null) {
      spec.put(
          "webhookConfiguration",
          Y.map().put("timeoutSeconds", Y.num(policy.webhookTimeoutSeconds())));
    }
    if (!policy.background() || !policy.admission()) {
      Y.Map eval = Y.map();
      if (!policy.admission()) {
        eval.put("admission", Y.map().put("enabled", Y.bool(false)));
      }
      if (!policy.background()) {
        eval.put("background", Y.map().put("enabled", Y.bool(false)));
      }
      spec.put("evaluation", eval);
    }
    List<String[]> matchConditions = new ArrayList<>();
    Match match = null;
    try {
      match = Match.of(policy, rule.match(), rule.exclude());
    } catch (Unconvertible e) {
      gaps.add(e.getMessage());
    }
    if (match != null && match.autogen != null) {
      spec.put(
          "autogen",
          Y.map().put("podControllers", Y.map().put("controllers", Y.flow(match.autogen))),
          match.autogenComment);
    }
    spec.put(
        "matchConstraints",
        match != null ? match.constraints : fallbackConstraints(),
        match != null ? null : "TODO(imagegate convert): the rule's match did not convert");
    if (match != null) {
      matchConditions.addAll(match.conditions);
    }
    context();
    if (!rule.preconditions().isEmpty()) {
      try {
        matchConditions.add(
            new String[] {
              "preconditions", Conditions.all(rule.preconditions(), roots(null, "preconditions"))
            });
      } catch (Unconvertible e) {
        gaps.add("preconditions: " + e.getMessage());
      }
    }
    if (variant.condition() != null) {
      matchConditions.add(
          new String[] {
            "failure-action-"
                + PolicyTranslation.actionName(variant.action()).toLowerCase(java.util.Locale.ROOT),
            variant.condition()
          });
    }
    if (!matchConditions.isEmpty()) {
      Y.Seq mc = Y.seq();
      for (String[] c : matchConditions) {
        mc.add(Y.map().put("name", c[0]).put("expression", Y.str(c[1])));
      }
      spec.put("matchConditions", mc);
    }
    Y.Seq refs = ImageRefs.of(vi);
    if (refs != null) {
      spec.put(
          "matchImageReferences",
          refs,
          vi.skipImageReferences().isEmpty()
              ? null
              : "imageReferences minus skipImageReferences (Kyverno wildcards as regexps)");
    }
    boolean nothingToVerify = vi.attestors().isEmpty() && vi.attestations().isEmpty();
    Y.Map config = Y.map();
    if (!vi.mutateDigest()) {
      config.put("mutateDigest", Y.bool(false));
    }
    if (!vi.verifyDigest()) {
      config.put("verifyDigest", Y.bool(false));
    }
    // Kyverno scopes `required` to the policy and rule (IsImageVerifiedForPolicy): an entry that
    // verifies nothing is satisfied only by another entry of its own rule, never by another
    // policy, where ivpol's `required` takes evidence from any policy of the request.
    if (nothingToVerify && vi.required() && requiredBySibling()) {
      gaps.add(
          "required entry without attestors next to verifying entries of rule "
              + rule.name()
              + ": Kyverno accepts a verification by the rule's other entries only, ivpol's"
              + " required accepts one by any policy");
    } else if (!vi.required() || nothingToVerify) {
      config.put(
          "required",
          Y.bool(false),
          nothingToVerify && vi.required()
              ? "the legacy entry verifies nothing, so Kyverno denies every image it requires"
                  + " (see the validation); ivpol's required would accept other policies' evidence"
              : null);
    }
    if (!config.isEmpty()) {
      spec.put("validationConfigurations", config);
    }
    Y.Seq variables = Y.seq();
    for (Map.Entry<String, String> v : contextVariables.entrySet()) {
      variables.add(Y.map().put("name", v.getKey()).put("expression", Y.str(v.getValue())));
    }
    Y.Seq extractors = Y.seq();
    StringBuilder all =
        new StringBuilder("images.containers + images.initContainers + images.ephemeralContainers");
    for (Map.Entry<String, List<ImageExtractor>> e :
        new TreeMap<>(rule.imageExtractors()).entrySet()) {
      for (ImageExtractor x : e.getValue()) {
        try {
          String id = Cel.identifier(x.name() == null ? e.getKey() : x.name());
          extractors.add(
              Y.map().put("name", id).put("expression", Y.str(extractor(e.getKey(), x))),
              "imageExtractors." + e.getKey() + ": " + x.path());
          all.append(" + images.").append(id);
        } catch (Unconvertible u) {
          gaps.add("imageExtractors." + e.getKey() + ": " + u.getMessage());
        }
      }
    }
    if (!nothingToVerify
        || deniesUnverified()
        || (vi.validate() != null && !vi.validate().deny().isEmpty())) {
      variables.add(
          Y.map()
              .put(
                  "name",
                  Y.str("allImages"),
                  "every image of the resource that matchImageReferences selects")
              .put("expression", Y.str(all.toString())));
    }
    if (!variables.isEmpty()) {
      spec.put("variables", variables);
    }
    if (!extractors.isEmpty()) {
      spec.put("images", extractors);
    }
    Attestors attestors = new Attestors(vi.type(), vi.repository(), roots(null, "an attestor key"));
    Y.Seq validations = Y.seq();
    Y.Seq attestations = Y.seq();
    if (vi.type() == ImageVerificationType.SIGSTORE_BUNDLE) {
      gaps.add(
          "type SigstoreBundle: converted as cosign attestors, which decide the same on"
              + " bundle-signed images (convert --check) but also accept a legacy .sig signature"
              + " the SigstoreBundle rule ignores; ivpol cannot require the bundle format");
    }
    signatures(attestors, validations);
    attestations(attestors, attestations, validations);
    deny(validations);
    if (deniesUnverified()) {
      validations.add(
          Y.map()
              .put("expression", Y.str(ALL_IMAGES + ".size() == 0"))
              .put(
                  "message",
                  "unverified image: the legacy entry requires a verification but names no"
                      + " attestors"),
          "legacy `required` (the default) on an entry that verifies nothing: Kyverno's validating"
              + " pass finds no verification of this policy and rule and denies every matched image");
    }
    if (validations.isEmpty()) {
      validations.add(Y.map().put("expression", Y.str("true")), "nothing to verify");
    }
    spec.put("attestors", attestors.yaml());
    if (!attestations.isEmpty()) {
      spec.put("attestations", attestations);
    }
    spec.put("validations", validations);
    String comment = header();
    root.put("apiVersion", Y.str("policies.kyverno.io/v1"), comment);
    root.put(
        "kind",
        policy.clusterScoped() ? "ImageValidatingPolicy" : "NamespacedImageValidatingPolicy");
    root.put("metadata", meta);
    root.put("spec", spec);
  }

  private String header() {
    StringBuilder b = new StringBuilder();
    b.append("Converted by imagegate convert from ")
        .append(policy.kind())
        .append(' ')
        .append(policy.qualifiedName())
        .append(", rule ")
        .append(rule.name())
        .append(", verifyImages[")
        .append(vi.index())
        .append("]");
    for (String g : gaps) {
      b.append("\nTODO(imagegate convert): ").append(g);
    }
    return b.toString();
  }

  /**
   * A legacy image extractor ({@code /spec/steps/*} + {@code value: image}) as a CEL list, empty
   * for other kinds; paths with one {@code *} convert.
   */
  private static String extractor(String kind, ImageExtractor x) throws Unconvertible {
    if (x.jmesPath() != null && !x.jmesPath().isEmpty()) {
      throw new Unconvertible("the extractor's jmesPath transformation does not convert");
    }
    String value = x.value() == null || x.value().isEmpty() ? "image" : x.value();
    List<String> segs = new ArrayList<>();
    for (String s : x.path().split("/")) {
      if (!s.isEmpty()) {
        segs.add(s);
      }
    }
    int star = segs.indexOf("*");
    if (star < 0 || segs.lastIndexOf("*") != star) {
      throw new Unconvertible("extractor path " + x.path() + ": only paths with one * convert");
    }
    StringBuilder list = new StringBuilder("object");
    for (String s : segs.subList(0, star)) {
      list.append(".?").append(Cel.isIdentifier(s) ? s : "[" + Cel.quote(s) + "]");
    }
    StringBuilder item = new StringBuilder("e");
    for (String s : segs.subList(star + 1, segs.size())) {
      item.append(Cel.field(s));
    }
    item.append(Cel.field(value));
    String k = kind.substring(kind.lastIndexOf('/') + 1);
    return "object.kind == "
        + Cel.quote(k)
        + " ? "
        + list
        + ".orValue([]).map(e, "
        + item
        + ") : []";
  }

  private static Y.Map fallbackConstraints() {
    return Y.map()
        .put(
            "resourceRules",
            Y.seq()
                .add(
                    Y.map()
                        .put("apiGroups", Y.flow(List.of("")))
                        .put("apiVersions", Y.flow(List.of("v1")))
                        .put("operations", Y.flow(List.of("CREATE", "UPDATE")))
                        .put("resources", Y.flow(List.of("pods")))));
  }

  /** Rule context entries as variables where ivpol has the same data. */
  private void context() {
    for (ContextEntry e : rule.context()) {
      String id = Cel.identifier(e.name());
      switch (e) {
        case ContextEntry.ConfigMapRef c -> {
          String ns = c.configMapNamespace() == null ? "default" : c.configMapNamespace();
          if (c.configMapName().contains("{{") || ns.contains("{{")) {
            gaps.add("context " + e.name() + ": a ConfigMap named by variables does not convert");
          } else if (!policy.clusterScoped() && !ns.equals(policy.namespace())) {
            gaps.add(
                "context "
                    + e.name()
                    + ": a namespaced policy's resource.get reads only its own namespace, not "
                    + ns);
          } else {
            contextVariables.put(
                id,
                policy.clusterScoped()
                    ? "resource.get('v1', 'configmaps', "
                        + Cel.quote(ns)
                        + ", "
                        + Cel.quote(c.configMapName())
                        + ")"
                    : "resource.get('v1', 'configmaps', " + Cel.quote(c.configMapName()) + ")");
          }
        }
        case ContextEntry.Variable v -> {
          try {
            if (v.jmesPath() != null && !v.jmesPath().isEmpty()) {
              if (v.value() != null) {
                throw new Unconvertible("a jmesPath over a value does not convert");
              }
              contextVariables.put(
                  id, Variables.jmesPath(v.jmesPath(), roots(null, "context " + v.name())));
            } else if (v.value() != null) {
              contextVariables.put(id, Variables.value(v.value(), roots(null, "context")));
            } else {
              throw new Unconvertible("no value");
            }
            if (v.defaultValue() != null && !v.defaultValue().isNull()) {
              gaps.add("context " + v.name() + ": the default value is not carried over");
            }
          } catch (Unconvertible x) {
            gaps.add("context " + v.name() + ": " + x.getMessage());
          }
        }
        case ContextEntry.Unsupported u ->
            gaps.add(
                "context "
                    + u.name()
                    + " ("
                    + u.kind()
                    + ") has no ivpol equivalent imagegate evaluates offline (Kyverno ivpol reads"
                    + " such data with resource.get, http or globalContext in variables)");
      }
    }
  }

  /**
   * Variable roots: request.*, the rule's context entries (as variables), named attestations (in
   * deny), then {@code fallback} (an attestation's predicate) or an error.
   */
  private Variables.Roots roots(@Nullable String fallback, String where) {
    return f -> {
      String r = Variables.requestRoot(f);
      if (r != null) {
        return r;
      }
      String id = Cel.identifier(f.get(0));
      if (contextVariables.containsKey(id)) {
        return Variables.path("variables." + id, f.subList(1, f.size()));
      }
      if (where.startsWith("validate.")) {
        String att = attestationNames.get(f.get(0));
        if (att != null) {
          return Variables.path(payload(att), f.subList(1, f.size()));
        }
      }
      if (fallback != null) {
        return Variables.path(fallback, f);
      }
      throw new Unconvertible(
          "variable '" + String.join(".", f) + "' in " + where + " has no CEL equivalent here");
    };
  }

  private String payload(String attestation) {
    String p = "extractPayload(image, attestations." + attestation + ")";
    // in-toto statements carry the predicate under .predicate; Notary referrers are the document
    return vi.type() == ImageVerificationType.NOTARY ? p : p + ".predicate";
  }

  /**
   * A required entry that verifies nothing, alone in its rule: Kyverno denies every image it
   * matches.
   */
  private boolean deniesUnverified() {
    return vi.attestors().isEmpty()
        && vi.attestations().isEmpty()
        && vi.required()
        && !requiredBySibling();
  }

  /** Another entry of this rule verifies: Kyverno's scoped `required` may be satisfied by it. */
  private boolean requiredBySibling() {
    // an entry equal to this one verifies exactly when this one does, so equality is enough
    return rule.verifyImages().stream()
        .anyMatch(o -> !o.equals(vi) && (!o.attestors().isEmpty() || !o.attestations().isEmpty()));
  }

  private void signatures(Attestors attestors, Y.Seq validations) {
    for (int i = 0; i < vi.attestors().size(); i++) {
      AttestorSet set = vi.attestors().get(i);
      try {
        String expr = attestors.set(set, list -> "verifyImageSignatures(image, " + list + ")");
        validations.add(
            Y.map()
                .put("expression", Y.str(ALL_IMAGES + ".all(image, " + expr + ")"))
                .put(
                    "message",
                    "failed to verify image signatures: attestors["
                        + i
                        + "] requires "
                        + set.required()
                        + " of "
                        + set.entries().size()
                        + " entries"),
            i == 0
                ? "verifyImages attestors: every set must be satisfied (count, default all)"
                : null);
      } catch (Unconvertible e) {
        gaps.add("attestors[" + i + "]: " + e.getMessage());
      }
    }
  }

  private void attestations(Attestors attestors, Y.Seq out, Y.Seq validations) {
    Set<String> used = new LinkedHashSet<>();
    for (int a = 0; a < vi.attestations().size(); a++) {
      Attestation att = vi.attestations().get(a);
      String name = attestationName(att, used);
      if (att.name() != null && !att.name().isEmpty()) {
        attestationNames.put(att.name(), name);
      }
      Y.Map decl = Y.map().put("name", name);
      decl.put(
          vi.type() == ImageVerificationType.NOTARY ? "referrer" : "intoto",
          Y.map().put("type", att.type()));
      out.add(decl);
      List<AttestorSet> sets = new ArrayList<>(att.attestors());
      String comment = null;
      if (sets.isEmpty()) {
        // Kyverno verifies an attestation without attestors keyless (any identity, public-good
        // root); imagegate's legacy engine also requires the entry's attestors.
        sets.add(
            new AttestorSet(
                null,
                List.of(
                    new dev.imagegate.policy.Attestor(
                        new dev.imagegate.policy.AttestorTrust.Keyless(
                            null,
                            null,
                            null,
                            null,
                            null,
                            Map.of(),
                            null,
                            new dev.imagegate.policy.CTLog(null, true, null)),
                        null,
                        Map.of(),
                        att.location())),
                att.location()));
        sets.addAll(vi.attestors());
        comment =
            "the legacy attestation lists no attestors: keyless (any identity) and the entry's"
                + " attestors";
      }
      try {
        List<String> terms = new ArrayList<>();
        String call = "verifyAttestationSignatures(image, attestations." + name + ", ";
        for (AttestorSet s : sets) {
          terms.add(attestors.set(s, list -> call + list + ")"));
        }
        if (!att.conditions().isEmpty()) {
          String cond = Conditions.all(att.conditions(), roots("predicate", "attestation"));
          terms.add("cel.bind(predicate, " + payload(name) + ",\n    " + cond + ")");
        }
        String body = String.join(" &&\n  ", terms);
        validations.add(
            Y.map()
                .put("expression", Y.str(ALL_IMAGES + ".all(image,\n  " + body + ")"))
                .put(
                    "message",
                    "attestation "
                        + att.type()
                        + (att.conditions().isEmpty()
                            ? " is not verified"
                            : " is not verified or its conditions do not hold")),
            comment);
      } catch (Unconvertible e) {
        gaps.add("attestations[" + a + "]: " + e.getMessage());
      }
    }
  }

  private static String attestationName(Attestation att, Set<String> used) {
    String base;
    if (att.name() != null && !att.name().isEmpty()) {
      base = Cel.identifier(att.name());
    } else {
      String t = att.type().replaceAll("/v[0-9.]+$", "").replaceAll("/+$", "");
      base = Cel.identifier(t.substring(t.lastIndexOf('/') + 1));
    }
    String name = base;
    for (int i = 2; !used.add(name); i++) {
      name = base + i;
    }
    return name;
  }

  private void deny(Y.Seq validations) {
    if (vi.validate() == null || vi.validate().deny().isEmpty()) {
      return;
    }
    try {
      String cond = Conditions.all(vi.validate().deny(), roots(null, "validate.deny"));
      Y.Map v = Y.map().put("expression", Y.str(ALL_IMAGES + ".all(image, !(" + cond + "))"));
      String message = vi.validate().message();
      if (message == null || message.isEmpty()) {
        v.put("message", "validation error: imageVerify  failed");
      } else if (Variables.hasVariables(message)) {
        // the message names the first image the deny conditions hold for, as Kyverno's per image
        v.put(
            "messageExpression",
            Y.str(
                "cel.bind(image, "
                    + ALL_IMAGES
                    + ".filter(image, "
                    + cond
                    + ")[0],\n  "
                    + Variables.text(message, roots(null, "validate.message"), true)
                    + ")"));
      } else {
        v.put("message", message);
      }
      validations.add(v, "validate.deny: the request is denied where the deny conditions hold");
    } catch (Unconvertible e) {
      gaps.add("validate.deny: " + e.getMessage());
    }
  }
}
