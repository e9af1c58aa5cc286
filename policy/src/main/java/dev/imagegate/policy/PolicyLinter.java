package dev.imagegate.policy;

import dev.imagegate.policy.LintFinding.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks loaded policies without contacting a registry (for {@code imagegate lint}): missing or
 * contradictory attestors, counts larger than entries, key material that is not PEM, verification
 * types that cannot use the given trust, settings that are accepted but cannot work offline.
 */
public final class PolicyLinter {
  private PolicyLinter() {}

  public static List<LintFinding> lint(Policy policy) {
    List<LintFinding> out = new ArrayList<>();
    for (Rule rule : policy.rules()) {
      String r = "rule '" + rule.name() + "': ";
      rule.match().filters().stream()
          .filter(ResourceFilter::userInfo)
          .forEach(
              f ->
                  out.add(
                      new LintFinding(
                          Severity.WARNING,
                          f.location(),
                          r
                              + "roles/clusterRoles/subjects are not known offline; imagegate applies match as if they matched and never excludes on them")));
      for (ContextEntry c : rule.context()) {
        if (c instanceof ContextEntry.Unsupported u) {
          out.add(
              new LintFinding(
                  Severity.WARNING,
                  u.location(),
                  r
                      + "context '"
                      + u.name()
                      + "' uses "
                      + u.kind()
                      + ", which imagegate cannot evaluate; rules using it report an error"));
        }
      }
      for (VerifyImage v : rule.verifyImages()) {
        lintVerifyImage(policy, r + "verifyImages[" + v.index() + "]: ", v, out);
      }
    }
    return out;
  }

  public static List<LintFinding> lint(List<Policy> policies) {
    List<LintFinding> out = new ArrayList<>();
    policies.forEach(p -> out.addAll(lint(p)));
    return out;
  }

  private static void lintVerifyImage(
      Policy policy, String at, VerifyImage v, List<LintFinding> out) {
    for (Attestation a : v.attestations()) {
      if (a.attestors().isEmpty()) {
        out.add(
            new LintFinding(
                Severity.WARNING,
                a.location(),
                at
                    + "attestation '"
                    + a.type()
                    + "' has no attestors: Kyverno accepts it signed keyless by any identity under"
                    + " the public-good Sigstore root"
                    + (v.attestors().isEmpty()
                        ? ""
                        : " (imagegate also requires the entry's attestors to have signed it)")));
      }
      a.attestors().forEach(s -> lintSet(v, at, s, out));
    }
    v.attestors().forEach(s -> lintSet(v, at, s, out));
    Set<String> names = new HashSet<>();
    for (Attestation a : v.attestations()) {
      if (a.name() != null && !names.add(a.name())) {
        out.add(
            new LintFinding(
                Severity.ERROR,
                a.location(),
                at + "attestation name '" + a.name() + "' is used twice"));
      }
    }
    if (v.validate() != null && names.isEmpty()) {
      out.add(
          new LintFinding(
              Severity.WARNING,
              v.validate().location(),
              at + "validate has no named attestations to refer to; give attestations a name"));
    }
  }

  private static void lintSet(VerifyImage v, String at, AttestorSet s, List<LintFinding> out) {
    for (Attestor a : s.entries()) {
      lintAttestor(v, at, a, out);
    }
  }

  private static void lintAttestor(VerifyImage v, String at, Attestor a, List<LintFinding> out) {
    switch (a.trust()) {
      case AttestorTrust.Keys k -> {
        switch (k.source()) {
          case KeySource.Pem p -> pem(at + "keys.publicKeys", p.pem(), "PUBLIC KEY", a, out);
          case KeySource.Kms kms ->
              out.add(
                  new LintFinding(
                      Severity.WARNING,
                      a.location(),
                      at + "KMS key " + kms.uri() + " is not available offline"));
          case KeySource.Secret sec ->
              out.add(
                  new LintFinding(
                      Severity.WARNING,
                      a.location(),
                      at
                          + "Secret key k8s://"
                          + sec.namespace()
                          + "/"
                          + sec.name()
                          + " is not available offline"));
          case KeySource.Unresolved u -> {}
        }
        if (k.rekor() != null && k.rekor().pubkey() != null) {
          pem(at + "rekor.pubkey", k.rekor().pubkey(), "PUBLIC KEY", a, out);
        }
      }
      case AttestorTrust.Certificates c -> {
        if (c.cert() != null) {
          pem(at + "certificates.cert", c.cert(), "CERTIFICATE", a, out);
        }
        if (c.certChain() != null) {
          pem(at + "certificates.certChain", c.certChain(), "CERTIFICATE", a, out);
        }
      }
      case AttestorTrust.Keyless k -> {
        if (k.subject() == null && k.subjectRegExp() == null) {
          out.add(
              new LintFinding(
                  Severity.WARNING,
                  a.location(),
                  at + "keyless without subject or subjectRegExp accepts any signer identity"));
        }
        if (k.issuer() == null && k.issuerRegExp() == null) {
          out.add(
              new LintFinding(
                  Severity.WARNING,
                  a.location(),
                  at + "keyless without issuer or issuerRegExp accepts any OIDC issuer"));
        }
        if (k.roots() != null) {
          pem(at + "keyless.roots", k.roots(), "CERTIFICATE", a, out);
        }
      }
      case AttestorTrust.Nested n -> {
        if (n.set() != null) {
          lintSet(v, at, n.set(), out);
        }
      }
    }
  }

  /**
   * A light check: every BEGIN has an END of the expected type. Values with variables are checked
   * after substitution.
   */
  private static void pem(
      String field, String text, String type, Attestor a, List<LintFinding> out) {
    if (text.contains("{{")) {
      return;
    }
    int begins = count(text, "-----BEGIN ");
    int ends = count(text, "-----END ");
    if (begins == 0 || begins != ends) {
      out.add(
          new LintFinding(
              Severity.ERROR,
              a.location(),
              field
                  + " is not PEM (expected -----BEGIN "
                  + type
                  + "----- ... -----END "
                  + type
                  + "-----)"));
    } else if (!text.contains("-----BEGIN " + type)
        && !(type.equals("PUBLIC KEY") && text.contains("PUBLIC KEY-----"))) {
      out.add(
          new LintFinding(
              Severity.WARNING, a.location(), field + " holds PEM that is not a " + type));
    }
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
