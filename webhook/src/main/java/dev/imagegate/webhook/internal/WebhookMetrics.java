package dev.imagegate.webhook.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The webhook's Prometheus metrics. Names (after Prometheus conversion):
 *
 * <ul>
 *   <li>{@code imagegate_admission_review_seconds} histogram, tags {@code webhook}
 *       (mutate|validate) and {@code decision}
 *       (allowed|denied|skipped|timeout|error|overloaded|not_ready)
 *   <li>{@code imagegate_admission_phase_seconds} histogram, tags {@code webhook}, {@code phase}
 *       (from the engine's timings: resolve, discover, fetch, crypto, tlog, total ...)
 *   <li>{@code imagegate_admission_decisions_total} counter, tags {@code webhook}, {@code decision}
 *   <li>{@code imagegate_http_errors_total} counter, tag {@code status} (400, 404, 405, 413, 415,
 *       500)
 *   <li>{@code imagegate_admission_inflight} gauge; {@code imagegate_policies_ready} gauge (1 once
 *       loaded); {@code imagegate_policies_invalid} gauge (policies Kyverno would refuse, not
 *       applied)
 *   <li>{@code imagegate_tls_reloads_total} and {@code imagegate_policy_reloads_total}, tag {@code
 *       result}
 *   <li>{@code imagegate_http_connections_accepted_total} counter; {@code
 *       imagegate_http_connections_closed_total} counter, tag {@code reason} (request_timeout,
 *       response_timeout, idle); {@code imagegate_http_limit} gauge, tag {@code limit} (the limits
 *       in force, see {@code HttpServerLimits})
 * </ul>
 */
public final class WebhookMetrics {
  private static final Duration[] SLO_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(8),
    Duration.ofSeconds(10)
  };

  private final PrometheusMeterRegistry registry;
  private final AtomicInteger inflight = new AtomicInteger();

  /**
   * The meters of each review, by webhook then decision (or phase), registered once: building and
   * registering a meter allocates its id, tags and builder, which on every review was the largest
   * share of the warm path's garbage. The tag values are small closed sets (two webhooks, seven
   * decisions, the engine's phase names), so the maps stay small.
   */
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, ReviewMeters>> reviewMeters =
      new ConcurrentHashMap<>();

  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Timer>> phaseTimers =
      new ConcurrentHashMap<>();

  private record ReviewMeters(Timer time, Counter decisions) {}

  /** Counts one accepted (TLS) connection. */
  public void connectionAccepted() {
    Counter.builder("imagegate.http.connections.accepted")
        .description("Connections accepted by the HTTPS server")
        .register(registry)
        .increment();
  }

  /** Starts counting the HTTPS server's connection closes by reason; close the result to stop. */
  public AutoCloseable attachConnectionEvents() {
    Counter.builder("imagegate.http.connections.accepted")
        .description("Connections accepted by the HTTPS server")
        .register(registry);
    HttpConnectionEvents events = HttpConnectionEvents.attach(registry);
    return events::close;
  }

  public WebhookMetrics(BooleanSupplier ready) {
    this(ready, java.util.Optional::empty);
  }

  /** With {@code engine} supplying the serving engine, for its verification-cache gauges. */
  public WebhookMetrics(
      BooleanSupplier ready,
      java.util.function.Supplier<java.util.Optional<dev.imagegate.engine.PolicyEngine>> engine) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Gauge.builder("imagegate.admission.inflight", inflight, AtomicInteger::get)
        .description("Admission reviews being evaluated")
        .register(registry);
    Gauge.builder("imagegate.policies.ready", () -> ready.getAsBoolean() ? 1 : 0)
        .description("1 once policies are loaded and an engine serves reviews")
        .register(registry);
    Gauge.builder(
            "imagegate.policies.invalid",
            () -> engine.get().map(p -> p.invalidPolicies().size()).orElse(0))
        .description(
            "Policies of the serving set not applied because Kyverno's admission validation refuses"
                + " them")
        .register(registry);
    Gauge.builder(
            "imagegate.verification.cache.hit.ratio",
            () ->
                engine
                    .get()
                    .map(dev.imagegate.engine.PolicyEngine::verificationCacheHitRatio)
                    .orElse(Double.NaN))
        .description("Verification cache hit ratio of the serving engine since it was loaded")
        .register(registry);
    Gauge.builder(
            "imagegate.verification.cache.size",
            () ->
                engine
                    .get()
                    .map(dev.imagegate.engine.PolicyEngine::verificationCacheSize)
                    .orElse(0L))
        .description("Verifications cached by the serving engine")
        .register(registry);
    for (dev.imagegate.oci.RegistryException.Kind kind :
        dev.imagegate.oci.RegistryException.Kind.values()) {
      io.micrometer.core.instrument.FunctionCounter.builder(
              "imagegate.registry.errors",
              engine,
              e -> e.get().map(p -> p.registryErrors().getOrDefault(kind, 0L)).orElse(0L))
          .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
          .description("Failed registry operations of the serving engine, by failure kind")
          .register(registry);
    }
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Prometheus text exposition format. */
  public String scrape() {
    return registry.scrape();
  }

  public void reviewStarted() {
    inflight.incrementAndGet();
  }

  public void reviewFinished(
      String webhook, String decision, Duration elapsed, Map<String, Duration> phases) {
    inflight.decrementAndGet();
    ReviewMeters meters = reviewMeters(webhook, decision);
    meters.time().record(elapsed);
    meters.decisions().increment();
    if (!phases.isEmpty()) {
      ConcurrentHashMap<String, Timer> byPhase =
          phaseTimers.computeIfAbsent(webhook, w -> new ConcurrentHashMap<>());
      phases.forEach((phase, time) -> phaseTimer(byPhase, webhook, phase).record(time));
    }
  }

  private ReviewMeters reviewMeters(String webhook, String decision) {
    ConcurrentHashMap<String, ReviewMeters> byDecision = reviewMeters.get(webhook);
    if (byDecision == null) {
      byDecision = reviewMeters.computeIfAbsent(webhook, w -> new ConcurrentHashMap<>());
    }
    ReviewMeters meters = byDecision.get(decision);
    if (meters == null) {
      meters =
          byDecision.computeIfAbsent(
              decision,
              d ->
                  new ReviewMeters(
                      Timer.builder("imagegate.admission.review")
                          .description("Time from receiving an AdmissionReview to answering it")
                          .tags("webhook", webhook, "decision", d)
                          .serviceLevelObjectives(SLO_BUCKETS)
                          .register(registry),
                      Counter.builder("imagegate.admission.decisions")
                          .description("Admission reviews answered, by outcome")
                          .tags("webhook", webhook, "decision", d)
                          .register(registry)));
    }
    return meters;
  }

  private Timer phaseTimer(ConcurrentHashMap<String, Timer> byPhase, String webhook, String phase) {
    Timer timer = byPhase.get(phase);
    if (timer == null) {
      timer =
          byPhase.computeIfAbsent(
              phase,
              p ->
                  Timer.builder("imagegate.admission.phase")
                      .description(
                          "Engine time per verification phase, as reported in the decision's"
                              + " timings")
                      .tags("webhook", webhook, "phase", p)
                      .serviceLevelObjectives(SLO_BUCKETS)
                      .register(registry));
    }
    return timer;
  }

  public void httpError(int status) {
    Counter.builder("imagegate.http.errors")
        .description("Requests answered with an HTTP error status")
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }

  public void tlsReload(boolean success) {
    countReload("imagegate.tls.reloads", "Certificate reload attempts", success);
  }

  public void policyReload(boolean success) {
    countReload("imagegate.policy.reloads", "Engine rebuilds after policy changes", success);
  }

  private void countReload(String name, String description, boolean success) {
    Counter.builder(name)
        .description(description)
        .tag("result", success ? "success" : "failure")
        .register(registry)
        .increment();
  }
}
