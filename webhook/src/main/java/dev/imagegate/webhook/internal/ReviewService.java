package dev.imagegate.webhook.internal;

import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.webhook.PullSecretResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * count against the same deadline and slot; the {@link PullSecretResolver} is called once per
 * review and its failures only lose the credentials, never the review.
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
    if (!engine.mayMatch(request.group(), request.version(), request.kind())) {
      return new Reviewed(new ReviewOutcome.Skipped("no policy matches " + request.gvk()), version);
    }
    Instant deadline = received.plus(reviewDeadline);
    return new Reviewed(evaluateBefore(engine, request, phase, deadline), version);
  }

  private ReviewOutcome evaluateBefore(
      PolicyEngine engine, AdmissionRequest request, AdmissionPhase phase, Instant deadline) {
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
                      pullSecrets.attach(
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
