package dev.imagegate.ivpol.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import dev.imagegate.cel.PolicyCel;
import dev.imagegate.ivpol.ImageValidatingPolicy;
import dev.imagegate.ivpol.PolicyExceptionSpec;
import dev.imagegate.policy.LintFinding;
import dev.imagegate.policy.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * One policy compiled once: a CEL program per expression (validations, messages, matchConditions,
 * variables, image extractors, matchImageReferences, audit annotations, attestor expressions),
 * type-checked (bool for validations and conditions, string for messages, list for extractors).
 * Per-request functions (image verification, image data, resource) are late-bound. Compile errors
 * are kept as {@link LintFinding}s with the expression's file, line and column.
 *
 * <p>Compilation happens once per policy version: programs are cached by what they depend on (the
 * expressions, with those of the PolicyExceptions naming the policy, and the declared variables,
 * attestors and attestations), so rebuilding an engine after another policy changed, reading the
 * same policy from another file, or linting and then loading it does not compile again. The runtime
 * (every library's function bindings) is built once for all policies; each policy only extends the
 * shared compiler with its own variables.
 */
public final class CompiledPolicy {
  static final OpaqueType IMAGE_DATA = OpaqueType.create("imagedata.Context");
  static final OpaqueType RESOURCE = OpaqueType.create("resource.Context");

  static final String VERIFY_SIGNATURES = "verify_image_signature_string_stringarray";
  static final String VERIFY_ATTESTATIONS = "verify_image_attestations_string_string_stringarray";
  static final String PAYLOAD = "payload_string_string";
  static final String IMAGE_DATA_FN = "get_image_data_string";
  static final String METADATA = "imagedata_getmetadata_string";
  static final String METADATA_PASCAL = "imagedata_GetMetadata_string";
  static final String RESOURCE_GET = "resource_get_string_string_string_string";
  static final String RESOURCE_LIST = "resource_list_string_string_string";
  static final String NS_RESOURCE_GET = "resource_get_string_string_string";
  static final String NS_RESOURCE_LIST = "resource_list_string_string";

  /** Late-bound per request: they need the request's registry, deadline and resources. */
  private static final String[] LATE_BOUND = {
    "verifyImageSignatures",
    "verifyAttestationSignatures",
    "extractPayload",
    "getImageData",
    "getMetadata",
    "GetMetadata",
    "get",
    "list"
  };

  /**
   * The environment shared by every policy: its runtime plans every program, its compiler is the
   * base each policy's compiler extends. cel-java builds both lazily, once.
   */
  private static final Cel SHARED =
      PolicyCel.newBuilder().addLateBoundFunctions(LATE_BOUND).build();

  private static final Cache<Key, Compiled> CACHE = Caffeine.newBuilder().maximumSize(1024).build();
  private static final LongAdder COMPILATIONS = new LongAdder();

  /**
   * What a policy's programs depend on, and nothing else: every expression (its field and text, in
   * compile order) and the declared environment. Locations are not part of it, so the same policy
   * read from another file (serve writes cluster policies into a directory per policy-set version)
   * or differing only in fields outside CEL reuses the programs.
   */
  private record Key(List<String> expressions, List<String> environment) {}

  /** The programs of one key, shared by every policy value with that key. */
  private record Compiled(Map<String, Program> programs, Set<String> lateBoundUsed) {}

  /** One expression to compile: in the environment with {@code ref} or not, and its wanted type. */
  private record Job(Expr expr, boolean ref, @Nullable CelType want, @Nullable String wantName) {
    String key() {
      return expr.field() + "\u0000" + expr.text();
    }
  }

  private final ImageValidatingPolicy policy;
  private final List<PolicyExceptionSpec> exceptions;
  private final Map<Expr, Program> programs = new HashMap<>();
  private final List<LintFinding> findings = new ArrayList<>();
  private final Set<String> lateBoundUsed = new HashSet<>();

  private CompiledPolicy(ImageValidatingPolicy policy, List<PolicyExceptionSpec> exceptions) {
    this.policy = policy;
    this.exceptions = List.copyOf(exceptions);
  }

  public static CompiledPolicy compile(ImageValidatingPolicy policy) {
    return compile(policy, List.of());
  }

  /** With the PolicyExceptions that name this policy (their matchConditions are compiled too). */
  public static CompiledPolicy compile(
      ImageValidatingPolicy policy, List<PolicyExceptionSpec> exceptions) {
    CompiledPolicy c =
        new CompiledPolicy(policy, exceptions.stream().filter(e -> e.names(policy)).toList());
    List<Job> jobs = c.jobs();
    Key key = c.key(jobs);
    Compiled hit = CACHE.getIfPresent(key);
    if (hit != null) {
      for (Job j : jobs) {
        Program p = hit.programs().get(j.key());
        if (p != null) {
          c.programs.put(j.expr(), p);
        }
      }
      c.lateBoundUsed.addAll(hit.lateBoundUsed());
      return c;
    }
    c.compileAll(jobs);
    // Only a policy without errors is cached: errors name the file, line and column of this copy.
    if (c.findings.isEmpty()) {
      Map<String, Program> programs = new HashMap<>();
      for (Job j : jobs) {
        Program p = c.programs.get(j.expr());
        if (p != null) {
          programs.put(j.key(), p);
        }
      }
      CACHE.put(key, new Compiled(Map.copyOf(programs), Set.copyOf(c.lateBoundUsed)));
    }
    return c;
  }

  /**
   * Compiles without looking at or filling the cache: what a policy version costs the first time
   * (KyvernoPoliciesLintTest measures it).
   */
  public static CompiledPolicy compileUncached(
      ImageValidatingPolicy policy, List<PolicyExceptionSpec> exceptions) {
    CompiledPolicy c =
        new CompiledPolicy(policy, exceptions.stream().filter(e -> e.names(policy)).toList());
    c.compileAll(c.jobs());
    return c;
  }

  private Key key(List<Job> jobs) {
    Spec s = policy.spec();
    List<String> env = new ArrayList<>();
    env.add(s.jsonMode() ? "json" : "kubernetes");
    env.add(policy.namespace() != null ? "namespaced" : "cluster");
    s.variables().forEach(v -> env.add("variables." + v.name()));
    s.attestors().forEach(a -> env.add("attestors." + a.name()));
    s.attestations().forEach(a -> env.add("attestations." + a.name()));
    return new Key(jobs.stream().map(Job::key).toList(), env);
  }

  /**
   * How many policies this JVM has compiled (cache misses, and {@link #compileUncached}); a policy
   * whose expressions and declarations were compiled before is not compiled again. For tests and
   * diagnostics.
   */
  public static long compilations() {
    return COMPILATIONS.sum();
  }

  /** The PolicyExceptions naming this policy. */
  public List<PolicyExceptionSpec> exceptions() {
    return exceptions;
  }

  public ImageValidatingPolicy policy() {
    return policy;
  }

  public Spec spec() {
    return policy.spec();
  }

  /** Compile errors (an engine must refuse a policy with any). */
  public List<LintFinding> findings() {
    return List.copyOf(findings);
  }

  public @Nullable Program program(Expr e) {
    return programs.get(e);
  }

  /**
   * Whether any expression of the policy calls the late-bound overload {@code overloadId}: a run
   * binds only those (building all of them per policy and request was a quarter of the warm path's
   * allocation).
   */
  public boolean usesLateBound(String overloadId) {
    return lateBoundUsed.contains(overloadId);
  }

  /** Every expression of the policy and of its exceptions, in Kyverno's evaluation order. */
  private List<Job> jobs() {
    Spec s = policy.spec();
    List<Job> jobs = new ArrayList<>();
    for (Spec.Named c : s.matchConditions()) {
      jobs.add(new Job(c.expression(), false, SimpleType.BOOL, "bool"));
    }
    for (Spec.Named v : s.variables()) {
      jobs.add(new Job(v.expression(), false, null, null));
    }
    for (Spec.Named i : s.images()) {
      jobs.add(new Job(i.expression(), false, ListType.create(SimpleType.STRING), "list(string)"));
    }
    for (Spec.ImageMatch m : s.matchImageReferences()) {
      if (m.expression() != null) {
        jobs.add(new Job(m.expression(), true, SimpleType.BOOL, "bool"));
      }
    }
    for (Spec.ValidationSpec v : s.validations()) {
      jobs.add(new Job(v.expression(), false, SimpleType.BOOL, "bool"));
      if (v.messageExpression() != null) {
        jobs.add(new Job(v.messageExpression(), false, SimpleType.STRING, "string"));
      }
    }
    for (PolicyExceptionSpec x : exceptions) {
      for (Spec.Named c : x.matchConditions()) {
        jobs.add(new Job(c.expression(), false, SimpleType.BOOL, "bool"));
      }
    }
    for (Spec.AuditAnnotation a : s.auditAnnotations()) {
      jobs.add(new Job(a.valueExpression(), false, null, null));
    }
    for (Spec.AttestorSpec a : s.attestors()) {
      for (Expr e : attestorExpressions(a)) {
        jobs.add(new Job(e, false, SimpleType.STRING, "string"));
      }
    }
    return jobs;
  }

  private void compileAll(List<Job> jobs) {
    // The compiler with `ref` only for a policy with matchImageReferences expressions (most use
    // globs).
    CelCompiler full = env(false);
    CelCompiler refEnv = jobs.stream().anyMatch(Job::ref) ? env(true) : full;
    for (Job j : jobs) {
      compile(j.ref() ? refEnv : full, j.expr(), j.want(), j.wantName());
    }
    COMPILATIONS.increment();
  }

  static List<Expr> attestorExpressions(Spec.AttestorSpec a) {
    List<Expr> out = new ArrayList<>();
    if (a.cosign() != null) {
      Spec.Cosign c = a.cosign();
      for (Spec.Text t :
          new Spec.Text[] {c.key(), c.certificate(), c.certChain(), c.trustedRoot()}) {
        if (t != null && t.expression() != null) {
          out.add(t.expression());
        }
      }
      if (c.keyless() != null) {
        for (Spec.Identity id : c.keyless().identities()) {
          if (id.subjectExpression() != null) {
            out.add(id.subjectExpression());
          }
        }
      }
    }
    if (a.notary() != null) {
      for (Spec.Text t : new Spec.Text[] {a.notary().certs(), a.notary().tsaCerts()}) {
        if (t != null && t.expression() != null) {
          out.add(t.expression());
        }
      }
    }
    return out;
  }

  private void compile(CelCompiler cel, Expr e, @Nullable CelType want, @Nullable String wantName) {
    try {
      CelAbstractSyntaxTree ast = cel.compile(e.text()).getAst();
      CelType got = ast.getResultType();
      if (want != null
          && !got.equals(want)
          && !got.equals(SimpleType.DYN)
          && !(want instanceof ListType && got instanceof ListType)) {
        findings.add(
            new LintFinding(
                LintFinding.Severity.ERROR,
                e.location(),
                e.field() + " must evaluate to " + wantName + ", not " + got.name()));
        return;
      }
      ast.getReferenceMap().values().forEach(r -> lateBoundUsed.addAll(r.overloadIds()));
      programs.put(e, SHARED.createProgram(ast));
    } catch (CelValidationException ex) {
      for (CelIssue issue : ex.getErrors()) {
        Location at =
            e.at(issue.getSourceLocation().getLine(), issue.getSourceLocation().getColumn());
        findings.add(
            new LintFinding(
                LintFinding.Severity.ERROR, at, e.field() + ": " + explain(issue.getMessage())));
      }
    } catch (CelEvaluationException ex) {
      findings.add(
          new LintFinding(
              LintFinding.Severity.ERROR, e.location(), e.field() + ": " + ex.getMessage()));
    }
  }

  /** Names what an undeclared {@code variables.x}, {@code attestors.x} refers to. */
  private String explain(String message) {
    for (String ns : List.of("variables", "attestors", "attestations")) {
      if (message.contains("undeclared reference to '" + ns + "'")) {
        return message
            + " (unknown "
            + ns.substring(0, ns.length() - 1)
            + " name: declare it in spec."
            + ns
            + ")";
      }
    }
    return message;
  }

  private CelCompiler env(boolean withRef) {
    Spec s = policy.spec();
    CelCompilerBuilder b = SHARED.toCompilerBuilder();
    b.addVar("object", SimpleType.DYN);
    if (!s.jsonMode()) {
      b.addVar("oldObject", SimpleType.DYN);
      b.addVar("request", SimpleType.DYN);
      b.addVar("namespaceObject", SimpleType.DYN);
      for (Spec.Named v : s.variables()) {
        b.addVar("variables." + v.name(), SimpleType.DYN);
      }
    }
    if (withRef) {
      b.addVar("ref", SimpleType.STRING);
    }
    b.addVar("images", MapType.create(SimpleType.STRING, ListType.create(SimpleType.STRING)));
    for (Spec.AttestorSpec a : s.attestors()) {
      b.addVar("attestors." + a.name(), SimpleType.STRING);
    }
    for (Spec.AttestationSpec a : s.attestations()) {
      b.addVar("attestations." + a.name(), SimpleType.STRING);
    }
    b.addVar("image", IMAGE_DATA);
    b.addVar("resource", RESOURCE);
    boolean namespaced = policy.namespace() != null;
    b.addFunctionDeclarations(
        CelFunctionDecl.newFunctionDeclaration(
            "verifyImageSignatures",
            CelOverloadDecl.newGlobalOverload(
                VERIFY_SIGNATURES,
                SimpleType.INT,
                SimpleType.STRING,
                ListType.create(SimpleType.DYN))),
        CelFunctionDecl.newFunctionDeclaration(
            "verifyAttestationSignatures",
            CelOverloadDecl.newGlobalOverload(
                VERIFY_ATTESTATIONS,
                SimpleType.INT,
                SimpleType.STRING,
                SimpleType.STRING,
                ListType.create(SimpleType.DYN))),
        CelFunctionDecl.newFunctionDeclaration(
            "extractPayload",
            CelOverloadDecl.newGlobalOverload(
                PAYLOAD, SimpleType.DYN, SimpleType.STRING, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "getImageData",
            CelOverloadDecl.newGlobalOverload(IMAGE_DATA_FN, SimpleType.DYN, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "getMetadata",
            CelOverloadDecl.newMemberOverload(
                METADATA, SimpleType.DYN, IMAGE_DATA, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "GetMetadata",
            CelOverloadDecl.newMemberOverload(
                METADATA_PASCAL, SimpleType.DYN, IMAGE_DATA, SimpleType.STRING)),
        namespaced
            ? CelFunctionDecl.newFunctionDeclaration(
                "get",
                CelOverloadDecl.newMemberOverload(
                    NS_RESOURCE_GET,
                    SimpleType.DYN,
                    RESOURCE,
                    SimpleType.STRING,
                    SimpleType.STRING,
                    SimpleType.STRING))
            : CelFunctionDecl.newFunctionDeclaration(
                "get",
                CelOverloadDecl.newMemberOverload(
                    RESOURCE_GET,
                    SimpleType.DYN,
                    RESOURCE,
                    SimpleType.STRING,
                    SimpleType.STRING,
                    SimpleType.STRING,
                    SimpleType.STRING)),
        namespaced
            ? CelFunctionDecl.newFunctionDeclaration(
                "list",
                CelOverloadDecl.newMemberOverload(
                    NS_RESOURCE_LIST,
                    SimpleType.DYN,
                    RESOURCE,
                    SimpleType.STRING,
                    SimpleType.STRING))
            : CelFunctionDecl.newFunctionDeclaration(
                "list",
                CelOverloadDecl.newMemberOverload(
                    RESOURCE_LIST,
                    SimpleType.DYN,
                    RESOURCE,
                    SimpleType.STRING,
                    SimpleType.STRING,
                    SimpleType.STRING)));
    return b.build();
  }
}
