package dev.imagegate.engine.internal;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.PatchOperation;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.engine.RuleResult;
import dev.imagegate.engine.RuleStatus;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.policy.FailurePolicy;
import dev.imagegate.policy.MatchedImage;
import dev.imagegate.policy.Operation;
import dev.imagegate.policy.Policy;
import dev.imagegate.policy.PolicyMatcher;
import dev.imagegate.policy.RuleMatch;
import dev.imagegate.verify.PhaseTimings.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Evaluates one request: matches rules, resolves each distinct image once, verifies every (rule,
 * image) pair concurrently within the deadline, and turns the outcomes into rule results, patches,
 * warnings and the Kyverno-shaped deny message.
 */
final class RequestEvaluator {
  private final PolicyMatcher matcher;
  private final ImageEvaluator images;
  private final OciClient client;
  private final ExecutorService executor;
  private final java.time.Clock clock;

  /**
   * Tag resolutions shared across requests for a short time (single flight per tag): the warm path
   * must not pay a registry round trip per review. A moved tag is seen after at most the TTL; the
   * digest that is verified and pinned is always the one resolved, so a stale entry can never admit
   * unverified content. Keyed by the credentials the request uses for the image's registry too, so
   * a digest resolved with one pod's pull secrets does not answer a request without them.
   *
   * <p>A tag read in the last quarter of its TTL is resolved again in the background ({@link
   * TagRefresh}) while reviews keep the kept digest: a tag in steady use never expires under load,
   * where every review of it would otherwise wait for the same registry round trip (and the
   * webhook's latency would spike once per TTL). The bound on staleness is unchanged: an entry
   * still expires {@code resolveTtl} after it was resolved, refreshed or not.
   */
  private final AsyncLoadingCache<ResolveKey, Digest> resolved;

  /** The reference as parsed ({@code image}) and as text (what equality uses), with credentials. */
  record ResolveKey(
      String reference,
      dev.imagegate.oci.ImageReference image,
      Map<String, dev.imagegate.oci.RegistryCredentials> credentials) {
    @Override
    public boolean equals(Object other) {
      return other instanceof ResolveKey k
          && reference.equals(k.reference)
          && credentials.equals(k.credentials);
    }

    @Override
    public int hashCode() {
      return Objects.hash(reference, credentials);
    }

    @Override
    public String toString() {
      return "ResolveKey[" + reference + ", credentials for " + credentials.keySet() + "]";
    }
  }

  RequestEvaluator(
      PolicyMatcher matcher,
      ImageEvaluator images,
      OciClient client,
      ExecutorService executor,
      Duration resolveTtl,
      Duration resolveRefresh,
      java.time.Clock clock) {
    this.clock = clock;
    this.matcher = matcher;
    this.images = images;
    this.client = client;
    this.executor = executor;
    this.resolved =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(resolveTtl)
            .refreshAfterWrite(resolveRefresh)
            .executor(executor)
            .buildAsync(new TagRefresh(client));
  }

  Decision evaluate(
      List<Policy> policies, ResourceRequest request, AdmissionPhase phase, Instant deadline) {
    long start = System.nanoTime();
    List<RuleMatch> matches = matches(policies, request);
    if (matches.isEmpty()) {
      return Decision.notApplicable();
    }
    // The scope's registry work stops when it closes (the answer is made) or at the deadline.
    try (RequestScope scope =
        new RequestScope(request, phase, deadline, clock, client, start, /* cacheMisses= */ null)) {
      return evaluate(matches, scope);
    }
  }

  /**
   * The decision {@link #evaluate} would make, when every tag resolution and verification it needs
   * is cached; empty as soon as one is not. Runs on the caller's thread and never sends a registry
   * request (its scope's client view refuses every one, and counts that as a miss); it neither
   * starts nor joins a verification in flight, so a miss costs nothing but the matching.
   */
  java.util.Optional<Decision> evaluateFromCache(
      List<Policy> policies, ResourceRequest request, AdmissionPhase phase, Instant deadline) {
    long start = System.nanoTime();
    List<RuleMatch> matches = matches(policies, request);
    if (matches.isEmpty()) {
      return java.util.Optional.of(Decision.notApplicable());
    }
    java.util.concurrent.atomic.AtomicBoolean missed =
        new java.util.concurrent.atomic.AtomicBoolean();
    try (RequestScope scope =
        new RequestScope(request, phase, deadline, clock, client, start, missed)) {
      Decision decision = evaluate(matches, scope);
      return missed.get() ? java.util.Optional.empty() : java.util.Optional.of(decision);
    }
  }

  private List<RuleMatch> matches(List<Policy> policies, ResourceRequest request) {
    Operation op = Operation.valueOf(request.operation());
    List<RuleMatch> matches = new ArrayList<>();
    for (Policy p : policies) {
      if (!p.clusterScoped()
          && !Objects.requireNonNull(p.namespace(), "a namespaced Policy's namespace")
              .equals(request.namespace())) {
        continue; // a namespaced Policy applies only to its own namespace
      }
      matches.addAll(matcher.matches(p, request.resource(), op, request.namespaceLabels()));
    }
    return matches;
  }

  private Decision evaluate(List<RuleMatch> matches, RequestScope scope) {
    ResourceRequest request = scope.request();
    AdmissionPhase phase = scope.phase();
    PendingRule.Starter starter =
        new PendingRule.Starter() {
          @Override
          public CompletableFuture<ImageOutcome> verify(
              MatchedImage image, RuleMatch.Applicable rule) {
            return RequestEvaluator.this.verify(image, rule, scope);
          }

          @Override
          public CompletableFuture<Digest> resolve(MatchedImage image) {
            return digest(image, scope);
          }
        };
    List<PendingRule> pending = new ArrayList<>();
    for (RuleMatch m : matches) {
      pending.add(PendingRule.start(m, scope, starter));
    }
    List<RuleResult> results = new ArrayList<>();
    for (PendingRule p : pending) {
      results.add(p.finish(scope));
    }
    List<RuleResult> blocking = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      RuleResult r = results.get(i);
      Policy policy = matches.get(i).policy();
      boolean failed =
          r.status() == RuleStatus.FAIL
              || (r.status() == RuleStatus.ERROR && policy.failurePolicy() != FailurePolicy.IGNORE);
      if (failed && r.enforce()) {
        blocking.add(r);
      } else if ((r.status() == RuleStatus.WARN
              || r.status() == RuleStatus.FAIL
              || r.status() == RuleStatus.ERROR)
          && pending.get(i).warnsIn(phase)) {
        // One warning per image and policy across the two webhooks (see PendingRule.warnsIn).
        String warning = DenyMessages.warning(r);
        if (!warnings.contains(warning)) {
          warnings.add(warning);
        }
      }
    }
    List<PatchOperation> patches =
        phase == AdmissionPhase.VALIDATE || !blocking.isEmpty()
            ? List.of()
            : Patches.build(request.resource(), scope.pins(), scope.metadata());
    Map<String, Duration> times = new LinkedHashMap<>();
    for (Phase ph : Phase.values()) {
      times.put(ph.name().toLowerCase(java.util.Locale.ROOT), scope.timings().get(ph));
    }
    times.put("total", scope.elapsed());
    String deny = blocking.isEmpty() ? null : DenyMessages.blocked(request.resource(), blocking);
    return new Decision(blocking.isEmpty(), deny, results, patches, warnings, times);
  }

  /**
   * Resolves an image once per request, however many rules name it: every rule of the request sees
   * the same digest, also from the caches alone, while a background refresh may replace the kept
   * one between two of its reads.
   */
  CompletableFuture<Digest> digest(MatchedImage image, RequestScope scope) {
    RegistryAccess access = scope.access();
    if (image.reference().digest() != null) {
      return CompletableFuture.completedFuture(image.reference().digest());
    }
    ResolveKey shared =
        new ResolveKey(
            image.reference().toString(),
            image.reference(),
            access.identity(image.reference().registry()));
    return scope
        .digests()
        .computeIfAbsent(
            shared.reference(),
            k -> access.cacheOnly() ? kept(shared, access) : resolution(shared, image, scope));
  }

  /** The kept resolution, for an answer from the caches alone; a miss when there is none. */
  private CompletableFuture<Digest> kept(ResolveKey shared, RegistryAccess access) {
    CompletableFuture<Digest> kept = resolved.getIfPresent(shared);
    if (kept == null || !kept.isDone() || kept.isCompletedExceptionally()) {
      access.missed();
      return CompletableFuture.failedFuture(new IllegalStateException("not cached"));
    }
    return kept;
  }

  /** The shared (single-flight) resolution, started by this request when none is kept. */
  private CompletableFuture<Digest> resolution(
      ResolveKey shared, MatchedImage image, RequestScope scope) {
    RegistryAccess access = scope.access();
    return resolved.get(
        shared,
        (key, ex) ->
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return scope
                        .timings()
                        .time(Phase.RESOLVE, () -> access.client().resolve(image.reference()));
                  } catch (RegistryException e) {
                    throw new java.util.concurrent.CompletionException(e);
                  }
                },
                ex));
  }

  CompletableFuture<ImageOutcome> verify(
      MatchedImage image, RuleMatch.Applicable rule, RequestScope scope) {
    CompletableFuture<Digest> digest = digest(image, scope);
    // From caches the digest is known already: evaluate on this thread instead of handing over.
    return (scope.access().cacheOnly()
            ? digest.thenApply(d -> images.evaluate(image, d, rule.context(), scope))
            : digest.thenApplyAsync(
                d -> images.evaluate(image, d, rule.context(), scope), executor))
        .exceptionally(
            t -> {
              Throwable c = t.getCause() != null ? t.getCause() : t;
              return ImageOutcome.error(
                  image,
                  null,
                  "failed to verify image " + image.kyvernoForm() + ": " + c.getMessage());
            });
  }
}
