package dev.imagegate.ivpol;

import dev.imagegate.ivpol.internal.CompiledPolicy;
import dev.imagegate.ivpol.internal.Expr;
import dev.imagegate.ivpol.internal.Spec;
import dev.imagegate.policy.LintFinding;
import dev.imagegate.policy.LintFinding.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Lint for ImageValidatingPolicies beyond what loading rejects: CEL compile and type errors with
 * the expression's file, line and column (unknown variable, attestor and attestation names are
 * compile errors), and warnings for what imagegate cannot do offline or what is likely a mistake.
 */
public final class IvpolLint {
  private IvpolLint() {}

  public static List<LintFinding> lint(List<ImageValidatingPolicy> policies) {
    return lint(policies, List.of());
  }

  /** With PolicyExceptions: their matchConditions are compiled with the policies they name. */
  public static List<LintFinding> lint(
      List<ImageValidatingPolicy> policies, List<PolicyExceptionSpec> exceptions) {
    List<LintFinding> out = new ArrayList<>();
    for (PolicyExceptionSpec x : exceptions) {
      boolean known = policies.stream().anyMatch(x::names);
      if (!known) {
        out.add(
            new LintFinding(
                Severity.WARNING,
                x.location(),
                "PolicyException "
                    + x.displayName()
                    + " names no loaded ImageValidatingPolicy "
                    + x.policyRefs()));
      }
    }
    for (ImageValidatingPolicy p : policies) {
      CompiledPolicy c = CompiledPolicy.compile(p, exceptions);
      out.addAll(c.findings());
      Spec s = p.spec();
      for (Spec.AttestorSpec a : s.attestors()) {
        if (a.cosign() != null) {
          Spec.Cosign co = a.cosign();
          boolean ignoreTlog = co.ctlog() != null && co.ctlog().insecureIgnoreTlog();
          if (co.kms() != null) {
            out.add(
                warn(
                    a,
                    "attestor "
                        + a.name()
                        + " uses a KMS key: not available offline (verification errors)"));
          }
          if ((co.key() != null || co.certificate() != null || co.certChain() != null)
              && !ignoreTlog
              && co.trustedRoot() == null) {
            out.add(
                warn(
                    a,
                    "attestor "
                        + a.name()
                        + " needs a Rekor transparency-log proof in the signature (shipped"
                        + " public-good root); set ctlog.insecureIgnoreTlog: true for offline"
                        + " signatures, as in Kyverno"));
          }
          if (co.tuf()) {
            out.add(
                warn(
                    a,
                    "attestor "
                        + a.name()
                        + ": tuf is not fetched (network); the shipped trusted root or"
                        + " trustedRoot is used"));
          }
          if (co.ctlog() != null && co.ctlog().url() != null) {
            out.add(warn(a, "attestor " + a.name() + ": ctlog.url is never contacted (offline)"));
          }
          if (co.sourceTagPrefix() != null) {
            out.add(warn(a, "attestor " + a.name() + ": source.tagPrefix is not supported"));
          }
        }
      }
      if (!s.credentials().providers().isEmpty() || !s.credentials().secrets().isEmpty()) {
        out.add(
            new LintFinding(
                Severity.WARNING,
                p.location(),
                p.displayName()
                    + ": credentials.providers/secrets are not used; registry credentials come"
                    + " from the docker config and the pod's pull secrets"));
      }
      for (Spec.ValidationSpec v : s.validations()) {
        mentionsHttp(out, v.expression());
      }
      for (Spec.Named v : s.variables()) {
        mentionsHttp(out, v.expression());
      }
    }
    return out;
  }

  private static void mentionsHttp(List<LintFinding> out, Expr e) {
    if (e.text().contains("http.") || e.text().contains("globalContext.")) {
      out.add(
          new LintFinding(
              Severity.WARNING,
              e.location(),
              e.field()
                  + " uses http or globalContext, which need the network (http only with an allow-list;"
                  + " globalContext is unsupported)"));
    }
  }

  private static LintFinding warn(Spec.AttestorSpec a, String message) {
    return new LintFinding(Severity.WARNING, a.location(), message);
  }
}
