package dev.imagegate.ivpol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.EngineConfig;
import dev.imagegate.engine.PatchOperation;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.RequestedResource;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.engine.RuleResult;
import dev.imagegate.engine.RuleStatus;
import dev.imagegate.ivpol.internal.Autogen;
import dev.imagegate.ivpol.internal.BuiltinImages;
import dev.imagegate.ivpol.internal.CompiledPolicy;
import dev.imagegate.ivpol.internal.Matching;
import dev.imagegate.ivpol.internal.PolicyRun;
import dev.imagegate.ivpol.internal.RequestScope;
import dev.imagegate.ivpol.internal.Spec;
import dev.imagegate.ivpol.internal.VerificationCache;
import dev.imagegate.ivpol.internal.Verifiers;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.RegistryCredentials;
import dev.imagegate.policy.LintFinding;
import dev.imagegate.policy.PolicyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates ImageValidatingPolicies as Kyverno's ivpol engine does, behind the same {@link
 * PolicyEngine} interface as the legacy engine: the mutate phase pins matched tag-only images to
 * their digest ({@code mutateDigest}), the validate phase runs every matching policy, then {@code
 * required} across all of them; Deny failures deny ("Policy NAME failed: MESSAGE"), Warn failures
 * become admission warnings, Audit failures are results only (PolicyReports). Compiled once per
 * policy set; thread-safe.
 */
public final class IvpolEngine implements PolicyEngine {
  /** The message of the {@link RuleResult.ImageCheck} of an image the policy matched. */
  public static final String MATCHED = "matched by matchImageReferences";

  private final List<CompiledPolicy> policies;
  private final OciClient client;
  private final Verifiers verifiers;
  private final VerificationCache cache;
  // Every time this engine reads (deadlines, timeoutSeconds) and its verifiers' certificate checks.
  private final Clock clock;
  // Tag to digest, across requests, in the webhook only (as the legacy engine's resolutions).
  private final com.github.benmanes.caffeine.cache.@Nullable Cache<String, dev.imagegate.oci.Digest>
      resolutions;
  private final ResourceLookup resources;
  private final String version;

  private IvpolEngine(
      List<CompiledPolicy> policies,
      EngineConfig config,
      VerificationCache cache,
      ResourceLookup resources) {
    this.policies = List.copyOf(policies);
    this.client = OciClient.create(config.oci());
    this.clock = config.clock();
    this.verifiers = new Verifiers(clock);
    this.cache = cache;
    // A tag read in the last quarter of its TTL is resolved again in the background (as the
    // legacy engine's): a tag in steady use never expires under load, where every review of it
    // would wait for the same registry round trip. A refresh that fails drops the entry.
    this.resolutions =
        cache.enabled()
            ? com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(config.resolveTtl())
                .refreshAfterWrite(config.resolveRefresh())
                .<String, dev.imagegate.oci.Digest>build(this::resolvedAgain)
            : null;
    this.resources = resources;
    StringBuilder v = new StringBuilder();
    policies.forEach(p -> v.append(p.policy().uid()).append(';'));
    this.version = "ivpol-" + HexFormat.of().toHexDigits(v.toString().hashCode());
  }

  /**
   * A kept tag resolved again for the cache's refresh, with the engine's own credentials (the
   * docker config: the cache is not keyed by a request's pull secrets); null drops the entry, so
   * the next review resolves the tag with its own and reports any failure itself.
   */
  private dev.imagegate.oci.@Nullable Digest resolvedAgain(String reference) {
    try {
      return client.resolve(dev.imagegate.oci.ImageReference.parse(reference));
    } catch (dev.imagegate.oci.RegistryException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Compiles the policies; a CEL compile or type error throws {@link PolicyException} with the
   * expression's file, line and column.
   *
   * @param cacheVerifications false in the CLI (as Kyverno's CLI), true in the webhook
   */
  public static IvpolEngine create(
      List<ImageValidatingPolicy> policies,
      EngineConfig config,
      boolean cacheVerifications,
      @Nullable ResourceLookup resources) {
    return create(policies, List.of(), config, cacheVerifications, resources);
  }

  /** With policies.kyverno.io PolicyExceptions. */
  public static IvpolEngine create(
      List<ImageValidatingPolicy> policies,
      List<PolicyExceptionSpec> exceptions,
      EngineConfig config,
      boolean cacheVerifications,
      @Nullable ResourceLookup resources) {
    List<CompiledPolicy> compiled = new ArrayList<>();
    for (ImageValidatingPolicy p : policies) {
      CompiledPolicy c = CompiledPolicy.compile(p, exceptions);
      for (LintFinding f : c.findings()) {
        throw new PolicyException(
            f.location(), p.kind() + " " + p.displayName() + ": " + f.message());
      }
      compiled.add(c);
    }
    return new IvpolEngine(
        compiled,
        config,
        cacheVerifications
            ? VerificationCache.create(config.successTtl(), 1000)
            : VerificationCache.disabled(),
        resources == null ? ResourceLookup.none() : resources);
  }

  /**
   * How many ImageValidatingPolicies this JVM has compiled to CEL programs. CEL compilation happens
   * once per policy version: building an engine again with policies whose expressions and
   * declarations were compiled before adds nothing. For tests and diagnostics.
   */
  public static long celCompilations() {
    return CompiledPolicy.compilations();
  }

  /** The legacy engine and this one as one: results, patches and warnings of both. */
  public static PolicyEngine combine(PolicyEngine legacy, PolicyEngine ivpol) {
    return new CombinedEngine(legacy, ivpol);
  }

  @Override
  public boolean mayMatch(String apiGroup, String version, String kind) {
    return mayMatch(apiGroup, version, kind, null);
  }

  /**
   * The webhook's prefilter: whether some policy's resourceRules (any operation, any object) or
   * autogen could select a request for this kind and {@code requested} resource and subresource.
   */
  @Override
  public boolean mayMatch(
      String apiGroup, String version, String kind, @Nullable RequestedResource requested) {
    Matching.Target target =
        requested == null
            ? new Matching.Target(apiGroup, version, Matching.resource(kind), null, false)
            : new Matching.Target(
                requested.group(),
                requested.version(),
                requested.resource(),
                requested.subResource(),
                false);
    for (CompiledPolicy p : policies) {
      if (Autogen.covers(p.spec(), kind)) {
        return true;
      }
      // Any operation, any object: a coarse prefilter (operations are checked per request).
      List<Spec.ResourceRule> anyOperation =
          p.spec().match().resourceRules().stream()
              .map(
                  r ->
                      new Spec.ResourceRule(
                          r.apiGroups(),
                          r.apiVersions(),
                          r.resources(),
                          List.of(),
                          List.of(),
                          r.scope(),
                          r.location()))
              .toList();
      if (Matching.anyRule(
          anyOperation, "Equivalent".equals(p.spec().match().matchPolicy()), target, "", null)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String policyVersion() {
    return version;
  }

  @Override
  public double verificationCacheHitRatio() {
    return cache.hitRatio();
  }

  @Override
  public long verificationCacheSize() {
    return cache.size();
  }

  @Override
  public void close() {
    client.close();
  }

  private record Applied(CompiledPolicy policy, PolicyRun run, PolicyRun.Result result) {}

  /** The engine's client with the request's own registry credentials (pull secrets), if any. */
  private OciClient clientFor(ResourceRequest request) {
    Map<String, RegistryCredentials> creds = request.registryCredentials();
    return creds.isEmpty()
        ? client
        : client.withCredentials(RegistryCredentials.byRegistryName(creds));
  }

  @Override
  public Decision evaluate(ResourceRequest request, AdmissionPhase phase, Instant deadline) {
    long start = System.nanoTime();
    OciClient requestClient = clientFor(request);
    // As the legacy engine (issue 12, finding 5): no registry request starts after the answer is
    // made or the request's deadline (on the injected clock) has passed.
    AtomicBoolean answered = new AtomicBoolean();
    RequestScope scope =
        new RequestScope(
            requestClient.withCancellation(() -> answered.get() || passed(deadline)), resolutions);
    try {
      return evaluate(request, phase, deadline, start, scope, requestClient, answered);
    } finally {
      answered.set(true);
    }
  }

  /**
   * The webhook's warm path: the decision made from the verification cache alone, on the caller's
   * thread. The registry client of this evaluation refuses every request and records the attempt;
   * any attempt (an uncached verification, a tag to resolve, image data to fetch) discards the
   * answer, and the caller runs {@link #evaluate} instead. Only verified results are cached, so a
   * cached answer is one a full evaluation would give. Never answers without a cache (the CLI).
   */
  @Override
  public java.util.Optional<Decision> evaluateFromCache(
      ResourceRequest request, AdmissionPhase phase, Instant deadline) {
    if (!cache.enabled()) {
      return java.util.Optional.empty();
    }
    long start = System.nanoTime();
    OciClient base = clientFor(request);
    AtomicBoolean missed = new AtomicBoolean();
    OciClient refusing =
        base.withCancellation(
            () -> {
              missed.set(true);
              return true;
            });
    AtomicBoolean answered = new AtomicBoolean();
    try {
      Decision d =
          evaluate(
              request,
              phase,
              deadline,
              start,
              new RequestScope(refusing, resolutions),
              refusing,
              answered);
      return missed.get() ? java.util.Optional.empty() : java.util.Optional.of(d);
    } finally {
      answered.set(true);
    }
  }

  private Decision evaluate(
      ResourceRequest request,
      AdmissionPhase phase,
      Instant deadline,
      long start,
      RequestScope requestScope,
      OciClient requestClient,
      AtomicBoolean answered) {
    JsonNode object = request.resource();
    JsonNode old = request.oldResource();
    JsonNode shown = object != null && !object.isNull() ? object : old;
    boolean kubernetes = shown != null && shown.has("kind") && shown.has("apiVersion");
    String kind = shown == null ? "" : shown.path("kind").asText();
    String apiVersion = shown == null ? "" : shown.path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String ver = apiVersion.substring(apiVersion.indexOf('/') + 1);
    // The resource the admission request names (what the API server matched its webhook rules
    // against) or, for the whole object (CLI), the one of its kind.
    RequestedResource requested = request.requested();
    String resGroup = requested == null ? group : requested.group();
    String resVersion = requested == null ? ver : requested.version();
    String resource = requested == null ? Matching.resource(kind) : requested.resource();
    String subResource = requested == null ? null : requested.subResource();
    RequestScope scope = requestScope;
    Map<String, Object> req = requestMap(request, group, ver, kind, requested);
    Map<String, Object> nsObject = null;
    if (!request.namespace().isEmpty()) {
      nsObject =
          Map.of(
              "apiVersion", "v1",
              "kind", "Namespace",
              "metadata", Map.of("name", request.namespace(), "labels", request.namespaceLabels()));
    }
    // The request's inputs as CEL values, converted on first use and shared by every policy.
    IdentityHashMap<Object, Object> converted = new IdentityHashMap<>(4);
    List<Applied> applied = new ArrayList<>();
    List<PatchOperation> patches = new ArrayList<>();
    List<RuleResult> results = new ArrayList<>();
    for (CompiledPolicy p : policies) {
      Spec s = p.spec();
      if (s.jsonMode() == kubernetes) {
        continue;
      }
      String ns = p.policy().namespace();
      if (ns != null && !ns.equals(request.namespace())) {
        continue;
      }
      boolean autogen = false;
      if (kubernetes) {
        boolean direct =
            Matching.matches(
                s.match(),
                resGroup,
                resVersion,
                resource,
                subResource,
                request.operation(),
                request.namespace(),
                request.namespaceLabels(),
                object,
                old);
        if (!direct) {
          // Autogen rules name the controller resource itself, never one of its subresources.
          if ((subResource != null && !subResource.isEmpty())
              || !Autogen.covers(s, kind)
              || !Matching.matches(
                  s.match(),
                  "",
                  "v1",
                  "pods",
                  subResource,
                  request.operation(),
                  request.namespace(),
                  request.namespaceLabels(),
                  Autogen.podView(kind, object),
                  Autogen.podView(kind, old))) {
            continue;
          }
          autogen = true;
        }
      }
      JsonNode viewObject = autogen ? Autogen.podView(kind, object) : object;
      JsonNode viewOld = autogen ? Autogen.podView(kind, old) : old;
      // webhookConfiguration.timeoutSeconds: Kyverno gives such a policy a webhook of its own
      // with that timeout, and the API server applies the policy's failurePolicy when it passes.
      // Here the policy's registry work stops at its own deadline and its result becomes that
      // failurePolicy outcome.
      Integer timeout = s.timeoutSeconds();
      Instant policyDeadline =
          timeout == null ? deadline : min(deadline, clock.instant().plusSeconds(timeout));
      RequestScope policyScope =
          timeout == null
              ? requestScope
              : requestScope.withClient(
                  requestClient.withCancellation(() -> answered.get() || passed(policyDeadline)));
      PolicyRun run =
          new PolicyRun(
              p,
              policyScope,
              verifiers,
              cache,
              resources,
              new PolicyRun.Input(
                  nullIfMissing(viewObject),
                  nullIfMissing(viewOld),
                  shown,
                  kind,
                  req,
                  nsObject,
                  converted));
      if (phase != AdmissionPhase.VALIDATE && s.mutateDigest() && kubernetes) {
        PolicyRun.Result r = run.conditions();
        if (r == null) {
          String error = mutate(run, kind, object, patches, policyScope);
          if (error != null && phase == AdmissionPhase.MUTATE) {
            applied.add(
                new Applied(
                    p,
                    run,
                    new PolicyRun.Result(
                        PolicyRun.Status.ERROR, error, List.of(), List.of(), Map.of())));
          }
        }
      }
      if (phase == AdmissionPhase.MUTATE) {
        continue;
      }
      PolicyRun.Result result = run.run();
      if (timeout != null && passed(policyDeadline)) {
        result = timedOut(s, timeout, result);
      }
      applied.add(new Applied(p, run, result));
    }
    // required: after all policies, evidence from any of them.
    List<Applied> finals = new ArrayList<>();
    for (Applied a : applied) {
      PolicyRun.Result r = a.result();
      if (r.status() == PolicyRun.Status.PASS && a.policy().spec().required()) {
        for (String image : r.matchedImages()) {
          Boolean ev = scope.evidence(image);
          if (ev == null || !ev) {
            r =
                new PolicyRun.Result(
                    PolicyRun.Status.FAIL,
                    ev == null
                        ? "image "
                            + image
                            + " is not verified: no policy performed a signature or attestation check on it"
                        : "image " + image + " failed signature or attestation verification",
                    r.matchedImages(),
                    r.explain(),
                    r.auditAnnotations());
            break;
          }
        }
      }
      finals.add(new Applied(a.policy(), a.run(), r));
    }
    List<String> denials = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Applied a : finals) {
      Set<Spec.Action> actions = a.policy().spec().actions();
      boolean deny = actions.contains(Spec.Action.Deny);
      String name = a.policy().policy().displayName();
      PolicyRun.Result r = a.result();
      RuleStatus status;
      String text = null;
      switch (r.status()) {
        case NOT_MATCHED, EXCEPTED -> status = RuleStatus.SKIP;
        case PASS -> status = RuleStatus.PASS;
        case FAIL -> {
          status = deny ? RuleStatus.FAIL : RuleStatus.WARN;
          text = "Policy " + name + " failed: " + r.message();
        }
        case ERROR -> {
          status = RuleStatus.ERROR;
          text = "Policy " + name + " error: " + r.message();
        }
        default -> throw new IllegalStateException();
      }
      if (text != null && deny) {
        denials.add(text);
      }
      if (text != null && actions.contains(Spec.Action.Warn)) {
        warnings.add(text);
      }
      // The matched images first (what a PolicyReport lists), then the steps for --explain.
      List<RuleResult.ImageCheck> checks = new ArrayList<>();
      for (String image : r.matchedImages()) {
        int at = image.indexOf('@');
        checks.add(
            new RuleResult.ImageCheck(
                at < 0 ? image : image.substring(0, at),
                at < 0 ? null : image.substring(at + 1),
                status,
                MATCHED));
      }
      for (String line : r.explain()) {
        checks.add(new RuleResult.ImageCheck(line, null, status, RuleResult.ImageCheck.STEP));
      }
      results.add(
          new RuleResult(
              name,
              a.policy().policy().kind(),
              status,
              deny,
              r.message().isEmpty() && status == RuleStatus.PASS ? "passed" : r.message(),
              checks,
              // Kyverno hands an ImageValidatingPolicy's audit annotations to its rule response
              // as properties, which its PolicyReports carry.
              r.auditAnnotations()));
    }
    Map<String, Duration> timings = new LinkedHashMap<>();
    timings.put("total", Duration.ofNanos(System.nanoTime() - start));
    return new Decision(
        denials.isEmpty(),
        denials.isEmpty() ? null : String.join("; ", denials),
        results,
        patches,
        warnings,
        timings);
  }

  /** Whether {@code deadline} has passed on the engine's clock. */
  private boolean passed(Instant deadline) {
    return clock.instant().isAfter(deadline);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** The failurePolicy outcome of a policy that ran past its timeoutSeconds. */
  private static PolicyRun.Result timedOut(Spec s, int timeout, PolicyRun.Result r) {
    String message =
        "policy evaluation exceeded webhookConfiguration.timeoutSeconds (" + timeout + "s)";
    return new PolicyRun.Result(
        s.failClosed() ? PolicyRun.Status.ERROR : PolicyRun.Status.NOT_MATCHED,
        s.failClosed() ? message : message + " (failurePolicy Ignore)",
        r.matchedImages(),
        r.explain(),
        Map.of());
  }

  private static @Nullable JsonNode nullIfMissing(@Nullable JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() ? null : n;
  }

  /**
   * mutateDigest: every tag-only image in the well-known container fields that matchImageReferences
   * selects (matched in normalized form) is pinned to its digest. Returns an error message when
   * some image could not be resolved (the others are still pinned).
   */
  private static @Nullable String mutate(
      PolicyRun run,
      String kind,
      @Nullable JsonNode object,
      List<PatchOperation> patches,
      RequestScope scope) {
    String pointer = BuiltinImages.podSpecPointer(kind);
    if (pointer == null || object == null) {
      return null;
    }
    List<String> errors = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    patches.forEach(p -> done.add(p.path()));
    for (String field : List.of("containers", "initContainers", "ephemeralContainers")) {
      JsonNode list = object.at(pointer + "/" + field);
      for (int i = 0; i < list.size(); i++) {
        String image = list.get(i).path("image").asText("");
        String path = pointer + "/" + field + "/" + i + "/image";
        if (image.isEmpty() || image.contains("@") || done.contains(path)) {
          continue;
        }
        try {
          ImageReference ref = ImageReference.parse(image);
          String normalized = ref.registry() + "/" + ref.repository() + ":" + ref.tag();
          if (!run.matches(normalized)) {
            continue;
          }
          var resolved = scope.resolve(image);
          patches.add(
              new PatchOperation(
                  "replace", path, TextNode.valueOf(normalized + "@" + resolved.digest())));
          done.add(path);
        } catch (Exception e) {
          errors.add("failed to resolve digest of " + image + ": " + e.getMessage());
        }
      }
    }
    return errors.isEmpty() ? null : String.join("; ", errors);
  }

  private static Map<String, Object> requestMap(
      ResourceRequest r,
      String group,
      String version,
      String kind,
      @Nullable RequestedResource requested) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("uid", r.uid());
    m.put("kind", Map.of("group", group, "version", version, "kind", kind));
    m.put(
        "resource",
        requested == null
            ? Map.of("group", group, "version", version, "resource", Matching.resource(kind))
            : Map.of(
                "group",
                requested.group(),
                "version",
                requested.version(),
                "resource",
                requested.resource()));
    if (requested != null && !requested.subResource().isEmpty()) {
      m.put("subResource", requested.subResource());
    }
    JsonNode o = r.resource() != null && !r.resource().isNull() ? r.resource() : r.oldResource();
    m.put("name", o == null ? "" : o.path("metadata").path("name").asText(""));
    m.put("namespace", r.namespace());
    m.put("operation", r.operation());
    m.put("dryRun", r.dryRun());
    m.put("userInfo", Map.of());
    return m;
  }
}
