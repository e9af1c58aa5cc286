package dev.imagegate.ivpol.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.ivpol.internal.Spec.Action;
import dev.imagegate.policy.LabelSelector;
import dev.imagegate.policy.PolicyException;
import dev.imagegate.policy.internal.Fields;
import dev.imagegate.policy.internal.MatchParser;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code spec} of an ImageValidatingPolicy with Kyverno's validation rules (the CRD's enums
 * and oneOf constraints, at least one resourceRule as Kyverno requires since #17161, unique names)
 * and its defaults. Every error names the field's file, line and column.
 */
public final class SpecParser {
  private static final Set<String> OPERATIONS =
      Set.of("CREATE", "UPDATE", "DELETE", "CONNECT", "*");
  private static final Set<String> HASHES = Set.of("sha224", "sha256", "sha384", "sha512");
  private static final Set<String> PROVIDERS =
      Set.of("default", "amazon", "azure", "google", "github");

  private SpecParser() {}

  public static Spec parse(Fields f) {
    boolean jsonMode = false;
    boolean admission = true;
    boolean background = true;
    Fields ev = sub(f, "evaluation");
    if (ev != null) {
      String mode = ev.string("mode");
      if (mode != null && !mode.equals("Kubernetes") && !mode.equals("JSON")) {
        throw ev.fail("mode", "must be Kubernetes or JSON, not '" + mode + "'");
      }
      jsonMode = "JSON".equals(mode);
      Fields adm = sub(ev, "admission");
      if (adm != null) {
        admission = adm.bool("enabled", true);
        adm.finish();
      }
      Fields bg = sub(ev, "background");
      if (bg != null) {
        background = bg.bool("enabled", true);
        bg.finish();
      }
      ev.finish();
    }
    Spec.Match match = f.object("matchConstraints", SpecParser::match);
    if (match == null || match.resourceRules().isEmpty()) {
      if (!jsonMode) {
        throw new PolicyException(
            match == null ? f.location() : f.location("matchConstraints"),
            "spec.matchConstraints.resourceRules must contain at least one rule (Kyverno rejects a"
                + " policy that would match nothing)");
      }
      if (match == null) {
        match = new Spec.Match(List.of(), List.of(), null, null, "Equivalent");
      }
    }
    String fp = f.string("failurePolicy");
    if (fp != null && !fp.equals("Fail") && !fp.equals("Ignore")) {
      throw f.fail("failurePolicy", "must be Fail or Ignore, not '" + fp + "'");
    }
    Set<Action> actions = EnumSet.noneOf(Action.class);
    List<String> acts = f.strings("validationActions");
    for (int i = 0; i < acts.size(); i++) {
      try {
        if (!actions.add(Action.valueOf(acts.get(i)))) {
          throw f.fail("validationActions/" + i, "duplicate action '" + acts.get(i) + "'");
        }
      } catch (IllegalArgumentException e) {
        throw f.fail(
            "validationActions/" + i, "must be Deny, Audit or Warn, not '" + acts.get(i) + "'");
      }
    }
    if (actions.contains(Action.Deny) && actions.contains(Action.Warn)) {
      throw f.fail("validationActions", "must not contain both Deny and Warn");
    }
    if (actions.isEmpty()) {
      actions.add(Action.Deny);
    }
    List<Spec.Named> conditions = named(f, "matchConditions");
    List<Spec.Named> variables = named(f, "variables");
    List<Spec.Named> images = named(f, "images");
    List<Spec.ImageMatch> refs =
        f.list(
            "matchImageReferences",
            (m, i) -> {
              String glob = m.string("glob");
              Expr expr = expr(m, "expression", false);
              if ((glob == null) == (expr == null)) {
                throw m.failHere("must set exactly one of glob or expression");
              }
              return new Spec.ImageMatch(glob, expr, m.location());
            });
    List<Spec.AttestorSpec> attestors = f.list("attestors", SpecParser::attestor);
    unique(f, "attestors", attestors.stream().map(Spec.AttestorSpec::name).toList());
    List<Spec.AttestationSpec> attestations =
        f.list(
            "attestations",
            (a, i) -> {
              String name = a.requiredString("name");
              String intoto = a.object("intoto", t -> t.requiredString("type"));
              String referrer = a.object("referrer", t -> t.requiredString("type"));
              if ((intoto == null) == (referrer == null)) {
                throw a.failHere("must set exactly one of intoto or referrer");
              }
              return new Spec.AttestationSpec(name, intoto, referrer, a.location());
            });
    unique(f, "attestations", attestations.stream().map(Spec.AttestationSpec::name).toList());
    Spec.Credentials creds =
        f.object(
            "credentials",
            c -> {
              List<String> providers = c.strings("providers");
              for (int i = 0; i < providers.size(); i++) {
                if (!PROVIDERS.contains(providers.get(i))) {
                  throw c.fail(
                      "providers/" + i,
                      "must be one of " + PROVIDERS + ", not '" + providers.get(i) + "'");
                }
              }
              return new Spec.Credentials(
                  c.bool("allowInsecureRegistry", false), providers, c.strings("secrets"));
            });
    boolean[] config = {true, true, true};
    f.object(
        "validationConfigurations",
        c -> {
          config[0] = c.bool("mutateDigest", true);
          config[1] = c.bool("verifyDigest", true);
          config[2] = c.bool("required", true);
          return Boolean.TRUE;
        });
    List<Spec.AuditAnnotation> audits =
        f.list(
            "auditAnnotations",
            (a, i) ->
                new Spec.AuditAnnotation(
                    a.requiredString("key"), requireExpr(a, "valueExpression")));
    List<Spec.ValidationSpec> validations =
        f.list(
            "validations",
            (v, i) -> {
              String reason = v.string("reason");
              if (reason != null
                  && !List.of(
                          "Unauthorized",
                          "Forbidden",
                          "Invalid",
                          "RequestEntityTooLarge",
                          "NotFound",
                          "AlreadyExists",
                          "Conflict",
                          "BadRequest",
                          "Unknown",
                          "Timeout",
                          "InternalError",
                          "ServiceUnavailable")
                      .contains(reason)) {
                f.warn("validations/" + i + "/reason", "unusual reason '" + reason + "'");
              }
              return new Spec.ValidationSpec(
                  requireExpr(v, "expression"),
                  v.string("message"),
                  expr(v, "messageExpression", false),
                  reason);
            });
    if (validations.isEmpty()) {
      throw new PolicyException(
          f.has("validations") ? f.location("validations") : f.location(),
          "spec.validations is required and must not be empty");
    }
    List<String> controllers = null;
    Fields ag = sub(f, "autogen");
    if (ag != null) {
      Fields pc = sub(ag, "podControllers");
      if (pc != null) {
        if (pc.has("controllers")) {
          controllers = pc.strings("controllers");
          for (int i = 0; i < controllers.size(); i++) {
            if (!Autogen.DEFAULT_CONTROLLERS.contains(controllers.get(i))) {
              throw pc.fail(
                  "controllers/" + i,
                  "must be one of "
                      + Autogen.DEFAULT_CONTROLLERS
                      + ", not '"
                      + controllers.get(i)
                      + "'");
            }
          }
        }
        pc.finish();
      }
      ag.finish();
    }
    Fields wh = sub(f, "webhookConfiguration");
    Integer timeout = null;
    if (wh != null) {
      Integer t = wh.integer("timeoutSeconds");
      timeout = t;
      if (t != null && (t < 1 || t > 30)) {
        throw wh.fail("timeoutSeconds", "must be between 1 and 30");
      }
      wh.finish();
    }
    f.ignore("webhookConfiguration", "evaluation", "autogen");
    return new Spec(
        match,
        conditions,
        fp == null || fp.equals("Fail"),
        actions,
        variables,
        refs,
        images,
        attestors,
        attestations,
        creds != null ? creds : new Spec.Credentials(false, List.of(), List.of()),
        config[0],
        config[1],
        config[2],
        audits,
        validations,
        jsonMode,
        admission,
        background,
        controllers,
        timeout);
  }

  private static @Nullable Fields sub(Fields f, String field) {
    JsonNode n = f.get(field).orElse(null);
    return n == null ? null : Fields.of(f.doc(), f.pointer(field), n, f.warnings());
  }

  private static Spec.Match match(Fields m) {
    List<Spec.ResourceRule> rules = m.list("resourceRules", SpecParser::rule);
    List<Spec.ResourceRule> excludes = m.list("excludeResourceRules", SpecParser::rule);
    String policy = m.string("matchPolicy");
    if (policy != null && !policy.equals("Exact") && !policy.equals("Equivalent")) {
      throw m.fail("matchPolicy", "must be Exact or Equivalent, not '" + policy + "'");
    }
    return new Spec.Match(
        rules,
        excludes,
        m.object("namespaceSelector", SpecParser::selector),
        m.object("objectSelector", SpecParser::selector),
        policy == null ? "Equivalent" : policy);
  }

  private static Spec.ResourceRule rule(Fields r, int index) {
    List<String> ops = r.strings("operations");
    for (int i = 0; i < ops.size(); i++) {
      if (!OPERATIONS.contains(ops.get(i))) {
        throw r.fail(
            "operations/" + i,
            "must be CREATE, UPDATE, DELETE, CONNECT or *, not '" + ops.get(i) + "'");
      }
    }
    List<String> resources = r.strings("resources");
    if (resources.isEmpty()) {
      throw new PolicyException(
          r.has("resources") ? r.location("resources") : r.location(),
          Fields.path(r.pointer("resources")) + " must name at least one resource");
    }
    String scope = r.string("scope");
    if (scope != null && !List.of("Cluster", "Namespaced", "*").contains(scope)) {
      throw r.fail("scope", "must be Cluster, Namespaced or *, not '" + scope + "'");
    }
    return new Spec.ResourceRule(
        r.strings("apiGroups"),
        r.strings("apiVersions"),
        resources,
        ops,
        r.strings("resourceNames"),
        scope == null ? "*" : scope,
        r.location());
  }

  /**
   * A Kubernetes label selector, read as the legacy policies read theirs (the same operators, and
   * values required for In/NotIn, as the API server requires of matchConstraints).
   */
  static LabelSelector selector(Fields f) {
    return MatchParser.selector(f);
  }

  private static List<Spec.Named> named(Fields f, String field) {
    List<Spec.Named> out =
        f.list(
            field,
            (n, i) -> new Spec.Named(n.requiredString("name"), requireExpr(n, "expression")));
    unique(f, field, out.stream().map(Spec.Named::name).toList());
    return out;
  }

  private static void unique(Fields f, String field, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      if (!seen.add(names.get(i))) {
        throw f.fail(field + "/" + i + "/name", "duplicate name '" + names.get(i) + "'");
      }
    }
  }

  static Expr requireExpr(Fields f, String field) {
    Expr e = expr(f, field, true);
    if (e == null) {
      throw f.fail(field, "is required");
    }
    return e;
  }

  static @Nullable Expr expr(Fields f, String field, boolean required) {
    String text = required ? f.requiredString(field) : f.string(field);
    if (text == null || text.isBlank()) {
      return null;
    }
    return new Expr(text, f.location(field), Fields.path(f.pointer(field)));
  }

  private static Spec.AttestorSpec attestor(Fields a, int index) {
    String name = a.requiredString("name");
    Spec.Cosign cosign = a.object("cosign", SpecParser::cosign);
    Spec.Notary notary =
        a.object(
            "notary",
            n -> {
              Spec.Text certs = n.object("certs", SpecParser::text);
              if (certs == null || certs.isEmpty()) {
                throw n.fail("certs", "is required (value or expression)");
              }
              return new Spec.Notary(certs, n.object("tsaCerts", SpecParser::text));
            });
    if ((cosign == null) == (notary == null)) {
      throw a.failHere("must set exactly one of cosign or notary");
    }
    return new Spec.AttestorSpec(name, cosign, notary, a.location());
  }

  private static Spec.Text text(Fields t) {
    String value = t.string("value");
    Expr e = expr(t, "expression", false);
    if (value != null && e != null) {
      throw t.failHere("must set one of value or expression, not both");
    }
    return new Spec.Text(value, e);
  }

  private static Spec.Cosign cosign(Fields c) {
    Spec.Text key = null;
    String kms = null;
    String hash = "sha256";
    Fields k = sub(c, "key");
    if (k != null) {
      String data = k.string("data");
      kms = k.string("kms");
      Expr e = expr(k, "expression", false);
      String h = k.string("hashAlgorithm");
      if (h != null) {
        if (!HASHES.contains(h.toLowerCase(Locale.ROOT))) {
          throw k.fail("hashAlgorithm", "must be one of " + HASHES + ", not '" + h + "'");
        }
        hash = h.toLowerCase(Locale.ROOT);
      }
      int set = (data != null ? 1 : 0) + (kms != null ? 1 : 0) + (e != null ? 1 : 0);
      if (set != 1) {
        throw k.failHere("must set exactly one of data, kms or expression");
      }
      key = new Spec.Text(data, e);
      k.finish();
    }
    Spec.Keyless keyless =
        c.object(
            "keyless",
            kl -> {
              List<Spec.Identity> ids =
                  kl.list(
                      "identities",
                      (id, i) -> {
                        Expr se = expr(id, "subjectExpression", false);
                        if (se != null && id.has("subjectRegExp")) {
                          throw id.failHere(
                              "subjectExpression and subjectRegExp are mutually exclusive");
                        }
                        return new Spec.Identity(
                            id.string("issuer"),
                            id.string("subject"),
                            id.string("issuerRegExp"),
                            id.string("subjectRegExp"),
                            se);
                      });
              if (ids.isEmpty()) {
                throw kl.fail("identities", "is required and must not be empty");
              }
              return new Spec.Keyless(
                  ids, kl.string("roots"), kl.stringMap("additionalExtensions"));
            });
    Spec.@Nullable Text[] cert = {null, null};
    c.object(
        "certificate",
        ce -> {
          cert[0] = ce.object("cert", SpecParser::text);
          cert[1] = ce.object("certChain", SpecParser::text);
          if (cert[0] == null && cert[1] == null) {
            throw ce.failHere("must set cert and/or certChain");
          }
          return Boolean.TRUE;
        });
    int kinds =
        (key != null ? 1 : 0)
            + (keyless != null ? 1 : 0)
            + (cert[0] != null || cert[1] != null ? 1 : 0);
    if (kinds != 1) {
      throw c.failHere("must set exactly one of key, keyless or certificate");
    }
    Spec.CtLog ctlog =
        c.object(
            "ctlog",
            l ->
                new Spec.CtLog(
                    l.string("url"),
                    l.string("rekorPubKey"),
                    l.string("ctLogPubKey"),
                    l.string("tsaCertChain"),
                    l.bool("insecureIgnoreTlog", false),
                    l.bool("insecureIgnoreSCT", false)));
    @Nullable String[] source = {null, null};
    c.object(
        "source",
        s -> {
          source[0] = s.string("repository");
          source[1] = s.string("tagPrefix");
          s.ignore("PullSecrets");
          return Boolean.TRUE;
        });
    boolean tuf = c.has("tuf");
    c.ignore("tuf");
    Spec.Text trustedRoot = null;
    if (c.has("trustedRoot")) {
      trustedRoot = c.object("trustedRoot", SpecParser::text);
      if (trustedRoot != null
          && trustedRoot.value() != null
          && trustedRoot.value().length() > 1024 * 1024) {
        throw c.fail("trustedRoot", "is larger than 1 MiB");
      }
    }
    Map<String, String> annotations = c.stringMap("annotations");
    return new Spec.Cosign(
        key,
        kms,
        hash,
        keyless,
        cert[0],
        cert[1],
        ctlog,
        source[0],
        source[1],
        trustedRoot,
        tuf,
        annotations);
  }

  /** The autogen controller list, Kyverno's default when unset. */
  public static List<String> controllers(@Nullable List<String> configured) {
    return configured == null ? Autogen.DEFAULT_CONTROLLERS : new ArrayList<>(configured);
  }
}
