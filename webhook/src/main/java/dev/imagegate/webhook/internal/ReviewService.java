package dev.imagegate.webhook.internal;

import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.webhook.PullSecretResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Runs one review against the current engine within its deadline and a bound on concurrent
 * evaluations.
 *
 * <p>The engine is asked to finish by the deadline itself; this class additionally stops waiting at
 * the deadline so that a misbehaving engine or registry never makes the API server time out. An
 * abandoned evaluation keeps its concurrency slot until it really ends, so slow registries cannot
 * pile up unbounded work.
 *
 * <p>Namespace labels and pull-secret credentials are looked up inside the evaluation, so they
 * count against the same deadline and slot; the {@link PullSecretResolver} is asked once per review
 * ({@link PullSecretResolver#resolveCached} first, then {@link PullSecretResolver#resolve} if that
 * did not know) and its failures only lose the credentials, never the review.
 *
 * <p>Warm reviews take a fast path: when labels, credentials and the engine's verifications are all
 * cached, the request thread decides itself ({@link PolicyEngine#evaluateFromCache}); nothing it
 * does waits for I/O, so no second thread is needed to stop waiting at the deadline.
 */
public final class ReviewService implements AutoCloseable {
  private final CurrentEngine engines;
  private final NamespaceLabelLookup namespaces;
  private final PullSecretCredentials pullSecrets;
  private final Duration reviewDeadline;
  private final int concurrencyLimit;
  private final Semaphore slots;
  private final Clock clock;
  private final ExecutorService evaluations =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("imagegate-review-", 0).factory());

  public ReviewService(
      CurrentEngine engines,
      NamespaceLabelLookup namespaces,
      Duration reviewDeadline,
      int concurrencyLimit,
      Clock clock) {
    this(engines, namespaces, PullSecretResolver.none(), reviewDeadline, concurrencyLimit, clock);
  }

  public ReviewService(
      CurrentEngine engines,
      NamespaceLabelLookup namespaces,
      PullSecretResolver pullSecrets,
      Duration reviewDeadline,
      int concurrencyLimit,
      Clock clock) {
    this.engines = engines;
    this.namespaces = namespaces;
    this.pullSecrets = new PullSecretCredentials(pullSecrets);
    this.reviewDeadline = reviewDeadline;
    this.concurrencyLimit = concurrencyLimit;
    this.slots = new Semaphore(concurrencyLimit, true);
    this.clock = clock;
  }

  /**
   * The engine that served a review, with its outcome (the policy version goes into logs and
   * explanations).
   */
  public record Reviewed(ReviewOutcome outcome, @Nullable String policyVersion) {}

  /**
   * @param received when the request arrived: the deadline counts from there, not from parsing
   */
  public Reviewed review(AdmissionRequest request, AdmissionPhase phase, Instant received) {
    Optional<PolicyEngine> current = engines.get();
    if (current.isEmpty()) {
      return new Reviewed(new ReviewOutcome.NotReady(), null);
    }
    PolicyEngine engine = current.get();
    String version = engine.policyVersion();
    if (request.object() == null) {
      return new Reviewed(
          new ReviewOutcome.Skipped("no object to verify on " + request.operation()), version);
    }
    Optional<String> refusal = ReviewChecks.refusal(request);
    if (refusal.isPresent()) {
      return new Reviewed(new ReviewOutcome.Refused(refusal.get()), version);
    }
    if (!engine.mayMatch(request.group(), request.version(), request.kind(), request.requested())) {
      return new Reviewed(new ReviewOutcome.Skipped("no policy matches " + request.gvk()), version);
    }
    Instant deadline = received.plus(reviewDeadline);
    ResourceRequest prepared = prepareFromCache(request);
    if (prepared != null) {
      Optional<ReviewOutcome> fast = fromCache(engine, prepared, phase, deadline);
      if (fast.isPresent()) {
        return new Reviewed(fast.get(), version);
      }
    }
    return new Reviewed(evaluateBefore(engine, request, prepared, phase, deadline), version);
  }

  /**
   * The engine's request with namespace labels and pull-secret credentials, when both are cached
   * (no lookup needed), else null.
   */
  private @Nullable ResourceRequest prepareFromCache(AdmissionRequest request) {
    Optional<Map<String, String>> labels = namespaces.cachedLabels(request.namespace());
    if (labels.isEmpty()) {
      return null;
    }
    return pullSecrets.attachCached(request.toResourceRequest(labels.get())).orElse(null);
  }

  /**
   * The fast path of a warm review: when the engine can decide from its caches, the request thread
   * decides itself instead of handing the evaluation to another thread and waiting for it. Nothing
   * here waits for I/O (labels and credentials come from caches, the engine sends no registry
   * request), so the deadline needs no watcher; it holds a concurrency slot like any evaluation,
   * and only takes one that is free (no queueing here: a review that would wait goes the usual
   * way). Empty when anything is not cached: the usual path then decides.
   */
  private Optional<ReviewOutcome> fromCache(
      PolicyEngine engine, ResourceRequest resource, AdmissionPhase phase, Instant deadline) {
    try {
      // With a zero timeout the fair semaphore still lets queued reviews go first.
      if (!slots.tryAcquire(0, TimeUnit.MILLISECONDS)) {
        return Optional.empty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(new ReviewOutcome.EngineFailed(e));
    }
    try {
      Optional<Decision> decision = engine.evaluateFromCache(resource, phase, deadline);
      if (decision.isEmpty()) {
        return Optional.empty();
      }
      // Fail closed as the usual path does should a cached evaluation ever overrun the deadline.
      return Optional.of(
          clock.instant().isAfter(deadline)
              ? new ReviewOutcome.TimedOut(reviewDeadline)
              : new ReviewOutcome.Decided(decision.get()));
    } catch (RuntimeException e) {
      // The usual path evaluates again and reports its own outcome (an engine failure included).
      return Optional.empty();
    } finally {
      slots.release();
    }
  }

  private ReviewOutcome evaluateBefore(
      PolicyEngine engine,
      AdmissionRequest request,
      @Nullable ResourceRequest prepared,
      AdmissionPhase phase,
      Instant deadline) {
    try {
      if (!slots.tryAcquire(remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
        return new ReviewOutcome.Overloaded(concurrencyLimit);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ReviewOutcome.EngineFailed(e);
    }
    Future<Decision> evaluation;
    try {
      evaluation =
          evaluations.submit(
              () -> {
                try {
                  var resource =
                      prepared != null
                          ? prepared
                          : pullSecrets.attach(
                              request.toResourceRequest(namespaces.labels(request.namespace())));
                  return engine.evaluate(resource, phase, deadline);
                } finally {
                  slots.release();
                }
              });
    } catch (RuntimeException e) { // rejected during shutdown
      slots.release();
      return new ReviewOutcome.EngineFailed(e);
    }
    try {
      Decision decision = evaluation.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
      return decision == null
          ? new ReviewOutcome.EngineFailed(new IllegalStateException("engine returned no decision"))
          : new ReviewOutcome.Decided(decision);
    } catch (TimeoutException e) {
      evaluation.cancel(true);
      return new ReviewOutcome.TimedOut(reviewDeadline);
    } catch (ExecutionException e) {
      return new ReviewOutcome.EngineFailed(Objects.requireNonNullElse(e.getCause(), e));
    } catch (InterruptedException e) {
      evaluation.cancel(true);
      Thread.currentThread().interrupt();
      return new ReviewOutcome.EngineFailed(e);
    }
  }

  private long remainingMillis(Instant deadline) {
    return Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
  }

  @Override
  public void close() {
    evaluations.shutdownNow();
  }
}
