package dev.imagegate.engine.internal;

import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.OciClient;
import dev.imagegate.verify.PhaseTimings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Everything one admission request's evaluation shares, in one place: the request and its phase,
 * its deadline on the engine's injected clock, the phase timings, the way to the registries (the
 * request's credentials, cancelled once the answer is made or the deadline passes), the memo that
 * resolves each image once however many rules name it, and the pins and verify-images metadata the
 * patches are built from. {@link RequestEvaluator} opens it and closes it when the answer is made;
 * {@link PendingRule}, {@link ImageEvaluator}, {@link AttestorSetEvaluator} and the verifiers
 * receive it (through a {@link VerificationTarget}) instead of the loose values. The
 * ImageValidatingPolicy engine's {@code ivpol.internal.RequestScope} plays the same part there
 * (client with the request's credentials, one fetch per image, evidence collected across policies).
 */
final class RequestScope implements AutoCloseable {
  private final ResourceRequest request;
  private final AdmissionPhase phase;
  private final Instant deadline;
  private final Clock clock;
  private final long startNanos;
  private final PhaseTimings timings = new PhaseTimings();
  private final AtomicBoolean answered = new AtomicBoolean();
  private final RegistryAccess access;
  private final Map<String, CompletableFuture<Digest>> digests = new ConcurrentHashMap<>();
  private final List<Patches.Pin> pins = new ArrayList<>();
  private final Patches.Metadata metadata = new Patches.Metadata();

  /**
   * Opens the scope of one request.
   *
   * @param shared the engine's client; the scope's view of it carries the request's credentials
   * @param startNanos when the engine took the request ({@link System#nanoTime}), for its total
   * @param cacheMisses null for a request answered the usual way; for one answered from caches only
   *     ({@link dev.imagegate.engine.PolicyEngine#evaluateFromCache}), the flag set as soon as
   *     anything is not cached (the answer is then discarded)
   */
  RequestScope(
      ResourceRequest request,
      AdmissionPhase phase,
      Instant deadline,
      Clock clock,
      OciClient shared,
      long startNanos,
      @Nullable AtomicBoolean cacheMisses) {
    this.request = request;
    this.phase = phase;
    this.deadline = deadline;
    this.clock = clock;
    this.startNanos = startNanos;
    // Registry work of this request stops when its answer is made or its deadline passes (issue
    // 12, finding 5): nobody waits for it then, and a Pod with thousands of images must not keep
    // registries busy for long after it was denied. A cache-only request's view refuses every
    // registry request and records the miss.
    OciClient view =
        cacheMisses == null
            ? shared.withCancellation(this::over)
            : shared.withCancellation(
                () -> {
                  cacheMisses.set(true);
                  return true;
                });
    this.access = RegistryAccess.of(view, request.registryCredentials(), cacheMisses);
  }

  ResourceRequest request() {
    return request;
  }

  AdmissionPhase phase() {
    return phase;
  }

  PhaseTimings timings() {
    return timings;
  }

  RegistryAccess access() {
    return access;
  }

  /** The request's resolutions by reference text: each image is resolved once per request. */
  Map<String, CompletableFuture<Digest>> digests() {
    return digests;
  }

  /** Digests to pin, collected by the rules in order (the mutate phase's patches). */
  List<Patches.Pin> pins() {
    return pins;
  }

  /** The verify-images annotation's entries, collected by the rules. */
  Patches.Metadata metadata() {
    return metadata;
  }

  /** Time left until the deadline on the engine's clock; zero once it has passed. */
  Duration remaining() {
    return Duration.ofNanos(Math.max(0, Duration.between(clock.instant(), deadline).toNanos()));
  }

  /** Time since the engine took the request. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** True once the answer is made or the deadline has passed: no new registry work starts. */
  boolean over() {
    return answered.get() || clock.instant().isAfter(deadline);
  }

  /** The answer is made: registry work still under way for this request is cancelled. */
  @Override
  public void close() {
    answered.set(true);
  }
}
