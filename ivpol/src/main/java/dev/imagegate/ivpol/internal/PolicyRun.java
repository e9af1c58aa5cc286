package dev.imagegate.ivpol.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.values.OpaqueValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelLateFunctionBindings;
import dev.cel.runtime.Program;
import dev.imagegate.cel.Glob;
import dev.imagegate.cel.PolicyCel;
import dev.imagegate.ivpol.PolicyExceptionSpec;
import dev.imagegate.ivpol.ResourceLookup;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.VerifiedAttestation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates one policy on one request in Kyverno's order: matchConditions, image extraction and
 * matchImageReferences, verifyDigest, validations in order (the first false stops), audit
 * annotations. {@code variables} are evaluated lazily on first use; attestor expressions when an
 * attestor is first used. The verification functions record evidence in the {@link RequestScope}
 * for {@code required}, which the engine checks after all policies.
 */
public final class PolicyRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The outcome of one policy. */
  public enum Status {
    NOT_MATCHED,
    EXCEPTED,
    PASS,
    FAIL,
    ERROR
  }

  /**
   * @param matchedImages the images after matchImageReferences, for {@code required}
   * @param explain one line per step for {@code --explain}
   */
  public record Result(
      Status status,
      String message,
      List<String> matchedImages,
      List<String> explain,
      Map<String, String> auditAnnotations) {}

  /**
   * The request as CEL sees it.
   *
   * @param converted the request's inputs already converted to CEL values, by identity of the
   *     input: one map per request, shared by every policy run of it, so the object is converted
   *     once per request instead of once per policy (an autogen pod view is a new node per policy
   *     and converted for that policy)
   */
  public record Input(
      @Nullable JsonNode object,
      @Nullable JsonNode oldObject,
      @Nullable JsonNode sourceObject,
      String kind,
      Map<String, Object> request,
      @Nullable Map<String, Object> namespaceObject,
      IdentityHashMap<Object, Object> converted) {}

  private final CompiledPolicy policy;
  private final RequestScope scope;
  private final Verifiers verifiers;
  private final VerificationCache cache;
  private final ResourceLookup resources;
  private final Input input;
  private final Map<String, Object> values = new HashMap<>();
  private final Map<String, RuntimeException> failed = new HashMap<>();
  private final Set<String> evaluating = new LinkedHashSet<>();
  private final Map<String, Verifiers.Material> materials = new HashMap<>();
  private final Map<String, JsonNode> payloads = new HashMap<>();
  private final List<String> explain = new ArrayList<>();
  private Map<String, List<String>> images = Map.of();
  private @Nullable Object celImages;
  private final CelLateFunctionBindings functions;

  public PolicyRun(
      CompiledPolicy policy,
      RequestScope scope,
      Verifiers verifiers,
      VerificationCache cache,
      ResourceLookup resources,
      Input input) {
    this.policy = policy;
    this.scope = scope;
    this.verifiers = verifiers;
    this.cache = cache;
    this.resources = resources;
    this.input = input;
    this.functions = bindings();
  }

  /** A failure inside a lazily evaluated variable, carried out of the variable resolver. */
  private static final class LazyFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LazyFailure(String message) {
      super(message, null, false, false);
    }
  }

  public Result run() {
    Result notMatched = conditions();
    if (notMatched != null) {
      return notMatched;
    }
    for (PolicyExceptionSpec x : policy.exceptions()) {
      if (applies(x)) {
        return result(
            Status.EXCEPTED,
            "rule is skipped due to policy exception: " + x.displayName(),
            List.of());
      }
    }
    return validate();
  }

  /** matchConditions: null when all hold, else NOT_MATCHED or (failurePolicy Fail) ERROR. */
  public @Nullable Result conditions() {
    Spec s = policy.spec();
    for (Spec.Named c : s.matchConditions()) {
      try {
        if (!Boolean.TRUE.equals(eval(c.expression()))) {
          return result(Status.NOT_MATCHED, "matchCondition " + c.name() + " is false", List.of());
        }
      } catch (EvalError e) {
        if (!s.failClosed()) {
          return result(
              Status.NOT_MATCHED,
              "matchCondition " + c.name() + " failed (failurePolicy Ignore): " + e.getMessage(),
              List.of());
        }
        return result(
            Status.ERROR,
            "failed to evaluate match condition " + c.name() + ": " + e.getMessage(),
            List.of());
      }
    }
    return null;
  }

  /** An exception applies when all its matchConditions hold (an error: it does not apply). */
  private boolean applies(PolicyExceptionSpec x) {
    for (Spec.Named c : x.matchConditions()) {
      try {
        if (!Boolean.TRUE.equals(eval(c.expression()))) {
          return false;
        }
      } catch (EvalError e) {
        return false;
      }
    }
    return true;
  }

  private Result validate() {
    Spec s = policy.spec();
    List<String> matched;
    try {
      images = extractImages();
      celImages = null;
      Set<String> all = new LinkedHashSet<>();
      images.values().forEach(all::addAll);
      matched = List.copyOf(all);
    } catch (EvalError e) {
      return result(Status.ERROR, "failed to extract images: " + e.getMessage(), List.of());
    }
    explain.add("images: " + (matched.isEmpty() ? "(none matched)" : String.join(", ", matched)));
    if (s.verifyDigest()) {
      for (String image : matched) {
        if (!image.contains("@")) {
          return result(Status.FAIL, "image " + image + " does not have a digest", matched);
        }
      }
    }
    for (int i = 0; i < s.validations().size(); i++) {
      Spec.ValidationSpec v = s.validations().get(i);
      Object value;
      try {
        value = eval(v.expression());
      } catch (EvalError e) {
        explain.add("validations[" + i + "]: error: " + e.getMessage());
        return result(Status.ERROR, "failed to evaluate policy: " + e.getMessage(), matched);
      }
      explain.add("validations[" + i + "] = " + value);
      if (!Boolean.TRUE.equals(value)) {
        return result(Status.FAIL, message(v, i), matched);
      }
    }
    return result(Status.PASS, "", matched);
  }

  private String message(Spec.ValidationSpec v, int index) {
    if (v.messageExpression() != null) {
      try {
        return String.valueOf(eval(v.messageExpression()));
      } catch (EvalError e) {
        return "failed to evaluate message expression: " + e.getMessage();
      }
    }
    if (v.message() != null && !v.message().isEmpty()) {
      return v.message();
    }
    return "CEL expression validation failed at index " + index;
  }

  private Result result(Status status, String message, List<String> matched) {
    Map<String, String> audits = new LinkedHashMap<>();
    if (status == Status.PASS || status == Status.FAIL) {
      for (Spec.AuditAnnotation a : policy.spec().auditAnnotations()) {
        try {
          Object v = eval(a.valueExpression());
          if (v != null) {
            audits.put(a.key(), String.valueOf(v));
          }
        } catch (EvalError e) {
          audits.put(a.key(), "error: " + e.getMessage());
        }
      }
    }
    return new Result(status, message, matched, List.copyOf(explain), audits);
  }

  /** A CEL evaluation failure with a message fit for users. */
  public static final class EvalError extends Exception {
    private static final long serialVersionUID = 1L;

    EvalError(String message) {
      super(message);
    }
  }

  @Nullable Object eval(Expr e) throws EvalError {
    Program p = policy.program(e);
    if (p == null) {
      throw new EvalError(e.field() + " did not compile");
    }
    try {
      return PolicyCel.fromCel(p.eval(this::resolve, functions));
    } catch (CelEvaluationException ex) {
      throw new EvalError(unwrap(ex));
    } catch (LazyFailure ex) {
      throw new EvalError(ex.getMessage() == null ? "error" : ex.getMessage());
    }
  }

  private static String unwrap(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof LazyFailure || c instanceof FunctionFailure) {
        return String.valueOf(c.getMessage());
      }
    }
    return String.valueOf(t.getMessage());
  }

  private Optional<Object> resolve(String name) {
    switch (name) {
      case "object":
        return Optional.of(converted(name, input.object()));
      case "oldObject":
        return Optional.of(converted(name, input.oldObject()));
      case "request":
        return Optional.of(converted(name, input.request()));
      case "namespaceObject":
        return Optional.of(converted(name, input.namespaceObject()));
      case "images":
        if (celImages == null) {
          celImages = PolicyCel.toCel((Object) images);
        }
        return Optional.of(celImages);
      case "image":
        return Optional.of(OpaqueValue.create("imagedata.Context", "image"));
      case "resource":
        return Optional.of(OpaqueValue.create("resource.Context", "resource"));
      default:
        break;
    }
    if (name.startsWith("attestors.") || name.startsWith("attestations.")) {
      return Optional.of(name.substring(name.indexOf('.') + 1));
    }
    if (name.startsWith("variables.")) {
      return Optional.of(variable(name.substring("variables.".length())));
    }
    Object ref = name.equals("ref") ? values.get("ref") : null;
    if (ref != null) {
      return Optional.of(ref);
    }
    return Optional.empty();
  }

  /**
   * Inputs are converted to CEL values once per request (see {@link Input#converted}); CEL never
   * mutates them, so policies can share them.
   */
  private Object converted(String name, @Nullable Object value) {
    Object v = values.get(name);
    if (v == null) {
      v = value == null ? PolicyCel.toCel((Object) null) : input.converted().get(value);
      if (v == null) {
        v = PolicyCel.toCel(value);
        input.converted().put(value, v);
      }
      values.put(name, v);
    }
    return v;
  }

  private Object variable(String name) {
    Object known = values.get("variables." + name);
    if (known != null) {
      return known;
    }
    RuntimeException f = failed.get(name);
    if (f != null) {
      throw f;
    }
    if (!evaluating.add(name)) {
      throw new LazyFailure("variables." + name + " refers to itself");
    }
    try {
      for (Spec.Named v : policy.spec().variables()) {
        if (v.name().equals(name)) {
          Object value = PolicyCel.toCel((Object) eval(v.expression()));
          values.put("variables." + name, value);
          return value;
        }
      }
      throw new LazyFailure("unknown variable " + name);
    } catch (EvalError e) {
      LazyFailure lf = new LazyFailure("variables." + name + ": " + e.getMessage());
      failed.put(name, lf);
      throw lf;
    } finally {
      evaluating.remove(name);
    }
  }

  // --- images ---------------------------------------------------------------------------------

  private static EvalError tooManyImages() {
    return new EvalError(
        "more than "
            + MAX_IMAGES
            + " images in the object; imagegate verifies at most "
            + MAX_IMAGES);
  }

  /**
   * The most images one object may yield across all its extractors, the legacy engine's bound
   * (docs/security.md): past it the policy is an error, never a partial verification (an image past
   * a silent cut would be admitted unverified).
   */
  static final int MAX_IMAGES = 10_000;

  private Map<String, List<String>> extractImages() throws EvalError {
    Map<String, List<String>> raw =
        new LinkedHashMap<>(BuiltinImages.extract(input.kind(), input.sourceObject()));
    for (Spec.Named x : policy.spec().images()) {
      Object v = eval(x.expression());
      List<String> list = new ArrayList<>();
      if (v instanceof List<?> l) {
        if (l.size() > MAX_IMAGES) {
          throw tooManyImages();
        }
        for (Object o : l) {
          list.add(String.valueOf(o));
        }
      } else if (v != null) {
        throw new EvalError("images." + x.name() + " must be a list of strings");
      }
      raw.put(x.name(), list);
    }
    long total = raw.values().stream().mapToLong(List::size).sum();
    if (total > MAX_IMAGES) {
      throw tooManyImages();
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : raw.entrySet()) {
      List<String> kept = new ArrayList<>();
      for (String image : e.getValue()) {
        if (matches(image)) {
          kept.add(image);
        }
      }
      out.put(e.getKey(), List.copyOf(kept));
    }
    return out;
  }

  /** matchImageReferences: empty matches all; glob as written, or the expression with ref. */
  public boolean matches(String image) throws EvalError {
    List<Spec.ImageMatch> refs = policy.spec().matchImageReferences();
    if (refs.isEmpty()) {
      return true;
    }
    for (Spec.ImageMatch m : refs) {
      if (m.glob() != null && Glob.matches(m.glob(), image)) {
        return true;
      }
      if (m.expression() != null) {
        values.put("ref", image);
        try {
          if (Boolean.TRUE.equals(eval(m.expression()))) {
            return true;
          }
        } finally {
          values.remove("ref");
        }
      }
    }
    return false;
  }

  // --- functions ------------------------------------------------------------------------------

  /** A failure inside a bound function (becomes the CEL error message). */
  static final class FunctionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FunctionFailure(String message) {
      super(message, null, false, false);
    }
  }

  // The bindings are per request and deliberately close over this run's mutable state (payloads,
  // evidence, materials); cel-java's @Immutable contract is for bindings shared across requests.
  @SuppressWarnings("Immutable")
  private CelLateFunctionBindings bindings() {
    // Only the late-bound functions this policy calls are bound (a run per policy and request).
    List<CelFunctionBinding> used = new ArrayList<>(2);
    if (policy.usesLateBound(CompiledPolicy.VERIFY_SIGNATURES)) {
      used.add(
          CelFunctionBinding.from(
              CompiledPolicy.VERIFY_SIGNATURES,
              String.class,
              List.class,
              (image, attestors) -> verify(image, null, names(attestors))));
    }
    if (policy.usesLateBound(CompiledPolicy.VERIFY_ATTESTATIONS)) {
      used.add(
          CelFunctionBinding.from(
              CompiledPolicy.VERIFY_ATTESTATIONS,
              List.of(String.class, String.class, List.class),
              args -> verify((String) args[0], (String) args[1], names((List<?>) args[2]))));
    }
    if (policy.usesLateBound(CompiledPolicy.PAYLOAD)) {
      used.add(
          CelFunctionBinding.from(
              CompiledPolicy.PAYLOAD,
              String.class,
              String.class,
              (image, attestation) -> PolicyCel.toCel((Object) payload(image, attestation))));
    }
    if (policy.usesLateBound(CompiledPolicy.IMAGE_DATA_FN)) {
      used.add(
          CelFunctionBinding.from(
              CompiledPolicy.IMAGE_DATA_FN,
              String.class,
              image -> PolicyCel.toCel((Object) data(image))));
    }
    // imagedata.getMetadata and its PascalCase alias
    for (String metadata : List.of(CompiledPolicy.METADATA, CompiledPolicy.METADATA_PASCAL)) {
      if (policy.usesLateBound(metadata)) {
        used.add(
            CelFunctionBinding.from(
                metadata,
                Object.class,
                String.class,
                (ctx, image) -> PolicyCel.toCel((Object) data(image))));
      }
    }
    if (policy.usesLateBound(CompiledPolicy.RESOURCE_GET)) {
      used.add(
          CelFunctionBinding.from(
              CompiledPolicy.RESOURCE_GET,
              List.of(Object.class, String.class, String.class, String.class, String.class),
              a ->
                  PolicyCel.toCel(
                      resources.get((String) a[1], (String) a[2], (String) a[3], (String) a[4]))));
    }
    if (policy.usesLateBound(CompiledPolicy.RESOURCE_LIST)) {
      used.add(
          CelFunctionBinding.from(
              CompiledPolicy.RESOURCE_LIST,
              List.of(Object.class, String.class, String.class, String.class),
              a ->
                  PolicyCel.toCel(
                      Map.of(
                          "items", resources.list((String) a[1], (String) a[2], (String) a[3])))));
    }
    if (policy.usesLateBound(CompiledPolicy.NS_RESOURCE_GET)) {
      used.add(
          CelFunctionBinding.from(
              CompiledPolicy.NS_RESOURCE_GET,
              List.of(Object.class, String.class, String.class, String.class),
              a ->
                  PolicyCel.toCel(
                      resources.get((String) a[1], (String) a[2], namespace(), (String) a[3]))));
    }
    if (policy.usesLateBound(CompiledPolicy.NS_RESOURCE_LIST)) {
      used.add(
          CelFunctionBinding.from(
              CompiledPolicy.NS_RESOURCE_LIST,
              List.of(Object.class, String.class, String.class),
              a ->
                  PolicyCel.toCel(
                      Map.of("items", resources.list((String) a[1], (String) a[2], namespace())))));
    }
    return CelLateFunctionBindings.from(used);
  }

  private String namespace() {
    String ns = policy.policy().namespace();
    return ns == null ? "" : ns;
  }

  private static List<String> names(List<?> attestors) {
    List<String> out = new ArrayList<>();
    for (Object o : attestors) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  private Map<String, Object> data(String image) {
    try {
      return scope.imageData(image);
    } catch (RegistryException | RuntimeException e) {
      throw new FunctionFailure("failed to fetch image data for " + image + ": " + e.getMessage());
    }
  }

  private long verify(String image, @Nullable String attestation, List<String> attestorNames) {
    try {
      if (!matches(image)) {
        return 0L;
      }
    } catch (EvalError e) {
      throw new FunctionFailure(e.getMessage() == null ? "error" : e.getMessage());
    }
    Spec.AttestationSpec att = null;
    if (attestation != null) {
      att =
          policy.spec().attestations().stream()
              .filter(a -> a.name().equals(attestation))
              .findFirst()
              .orElseThrow(
                  () -> new FunctionFailure("attestation not found in policy: " + attestation));
    }
    // Resolved first (a tag from the shared tag cache): the cache is keyed by the digest, not by
    // the reference as written. Kyverno keys it by the reference, so a tag that moves to other
    // content would be answered from the old content's verification (and that content's digest
    // pinned by mutateDigest) for the cache's TTL: stricter here, see docs/ivpol.md.
    RequestScope.Resolved r;
    try {
      r = scope.resolve(image);
    } catch (RegistryException | RuntimeException e) {
      throw new FunctionFailure("failed to resolve image " + image + ": " + e.getMessage());
    }
    String cacheKey =
        policy.policy().uid()
            + ";"
            + (attestation == null ? "sig" : "att:" + attestation)
            + ";"
            + String.join(",", attestorNames.stream().sorted().toList())
            + ";"
            + r.ref().registry()
            + "/"
            + r.ref().repository()
            + "@"
            + r.digest();
    VerificationCache.Entry hit = cache.get(cacheKey);
    if (hit != null && (att == null || att.intotoType() == null || hit.payload() != null)) {
      if (hit.payload() != null && attestation != null) {
        payloads.put(image + "\u0000" + attestation, hit.payload());
      }
      scope.record(image, true);
      explain.add(describe(image, attestation) + ": verified (cached) by " + attestorNames);
      return attestorNames.size();
    }
    long count = 0;
    JsonNode payload = null;
    for (String name : attestorNames) {
      Spec.AttestorSpec a =
          policy.spec().attestors().stream()
              .filter(x -> x.name().equals(name))
              .findFirst()
              .orElseThrow(() -> new FunctionFailure("attestor not found in policy: " + name));
      Outcome o =
          verifiers.verify(
              scope.client(),
              r.ref(),
              r.digest(),
              a,
              material(a),
              att == null ? null : att.intotoType(),
              att == null ? null : att.referrerType());
      switch (o) {
        case Outcome.Verified v -> {
          count++;
          if (att != null) {
            for (VerifiedAttestation va : v.proof().attestations()) {
              JsonNode p = att.intotoType() != null ? va.statement() : va.predicate();
              if (p != null) {
                payload = p;
                break;
              }
            }
          }
          explain.add(
              describe(image, attestation) + ": verified by " + name + " " + v.proof().signers());
        }
        case Outcome.Denied d ->
            explain.add(
                describe(image, attestation) + ": not verified by " + name + ": " + d.reason());
        case Outcome.Error e ->
            explain.add(describe(image, attestation) + ": error with " + name + ": " + e.message());
      }
    }
    if (payload != null && attestation != null) {
      payloads.put(image + "\u0000" + attestation, payload);
    }
    scope.record(image, count > 0);
    if (count == attestorNames.size() && count > 0) {
      cache.put(cacheKey, new VerificationCache.Entry(payload));
    }
    return count;
  }

  private static String describe(String image, @Nullable String attestation) {
    return attestation == null ? "signature " + image : "attestation " + attestation + " " + image;
  }

  private @Nullable JsonNode payload(String image, String attestation) {
    Spec.AttestationSpec att =
        policy.spec().attestations().stream()
            .filter(a -> a.name().equals(attestation))
            .findFirst()
            .orElseThrow(
                () -> new FunctionFailure("attestation not found in policy: " + attestation));
    JsonNode p = payloads.get(image + "\u0000" + attestation);
    if (p == null) {
      throw new FunctionFailure(
          att.intotoType() != null
              ? "intoto attestation payload cannot be fetch before verifying intoto attestation"
              : "no verified referrer of type "
                  + att.referrerType()
                  + " for "
                  + image
                  + " (call verifyAttestationSignatures first)");
    }
    return p;
  }

  private Verifiers.Material material(Spec.AttestorSpec a) {
    Verifiers.Material m = materials.get(a.name());
    if (m != null) {
      return m;
    }
    List<String> subjects = new ArrayList<>();
    String key = null;
    String cert = null;
    String chain = null;
    String root = null;
    String certs = null;
    String tsa = null;
    if (a.cosign() != null) {
      Spec.Cosign c = a.cosign();
      key = text(c.key());
      cert = text(c.certificate());
      chain = text(c.certChain());
      root = text(c.trustedRoot());
      if (c.keyless() != null) {
        for (Spec.Identity id : c.keyless().identities()) {
          subjects.add(
              id.subjectExpression() == null
                  ? ""
                  : String.valueOf(evalText(id.subjectExpression())));
        }
      }
    }
    if (a.notary() != null) {
      certs = text(a.notary().certs());
      tsa = text(a.notary().tsaCerts());
    }
    m = new Verifiers.Material(key, cert, chain, root, certs, tsa, subjects);
    materials.put(a.name(), m);
    return m;
  }

  private @Nullable String text(Spec.@Nullable Text t) {
    if (t == null) {
      return null;
    }
    if (t.expression() != null) {
      return evalText(t.expression());
    }
    return t.value();
  }

  private String evalText(Expr e) {
    try {
      Object v = eval(e);
      return v == null ? "" : String.valueOf(v);
    } catch (EvalError ex) {
      throw new FunctionFailure(e.field() + ": " + ex.getMessage());
    }
  }

  static String json(@Nullable Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(o);
    }
  }
}
