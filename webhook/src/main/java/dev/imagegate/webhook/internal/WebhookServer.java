package dev.imagegate.webhook.internal;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.webhook.HttpServerLimits;
import dev.imagegate.webhook.PullSecretResolver;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The admission webhook's HTTPS server: {@code /mutate}, {@code /validate}, {@code /healthz},
 * {@code /readyz}, {@code /metrics} and, when enabled, {@code /debug/explain}.
 *
 * <p>Built on the JDK's {@code HttpsServer} with one virtual thread per exchange: the work per
 * request is a blocking engine call, which virtual threads serve without a tuned pool, and the JDK
 * server needs no dependency. TLS 1.2 and 1.3 only; the certificate is re-read when its files
 * change.
 */
public final class WebhookServer implements AutoCloseable {
  private static final JsonLog LOG = JsonLog.forClass(WebhookServer.class);

  private final HttpsServer server;
  private final ExecutorService exchanges;
  private final ScheduledExecutorService housekeeping;
  private final ReviewService reviews;
  private final CertificateReloader certificates;
  private final WebhookMetrics metrics;
  private final AutoCloseable connectionEvents;
  private final boolean serving;

  private WebhookServer(
      WebhookOptions options,
      CurrentEngine engines,
      NamespaceLabelLookup namespaces,
      Clock clock,
      PolicyReportSink reports,
      PullSecretResolver pullSecrets,
      boolean serving) {
    this.serving = serving;
    PemKeyMaterial initial = PemKeyMaterial.load(options.tlsCert(), options.tlsKey());
    ReloadingKeyManager keyManager = new ReloadingKeyManager(initial);
    this.metrics = new WebhookMetrics(engines::isReady, engines::get);
    this.certificates =
        new CertificateReloader(options.tlsCert(), options.tlsKey(), keyManager, metrics);
    AdmissionReviewCodec codec = new AdmissionReviewCodec(options.maxJsonDepth());
    this.reviews =
        new ReviewService(
            engines,
            namespaces,
            pullSecrets,
            options.reviewDeadline(),
            options.maxConcurrentReviews(),
            clock);
    WebhookContext context =
        new WebhookContext(
            options,
            codec,
            reviews,
            new OutcomeAnswers(options.failurePolicy()),
            metrics,
            new ExplainStore(codec.mapper()),
            clock,
            reports,
            new DeprecationNotices(engines, clock),
            serving);
    // Before the first server of the process: the JDK reads its limits once (HttpServerLimits).
    HttpServerLimits limits = HttpServerLimits.inForce();
    limits
        .asGaugeValues()
        .forEach(
            (name, value) ->
                io.micrometer.core.instrument.Gauge.builder("imagegate.http.limit", () -> value)
                    .description("Limits of the HTTPS server against slow and numerous clients")
                    .tag("limit", name)
                    .register(metrics.registry()));
    // The JDK server's logger is one per process: only the serving server counts its events.
    this.connectionEvents = serving ? metrics.attachConnectionEvents() : () -> {};
    try {
      this.server =
          HttpsServer.create(new InetSocketAddress(options.bindAddress(), options.port()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + options.bindAddress() + ":" + options.port(), e);
    }
    if (CountingServerChannel.available()) {
      CountingServerChannel.install(
          server,
          limits.maxConnections(),
          io.micrometer.core.instrument.Counter.builder("imagegate.http.connections.closed")
              .description("Connections the HTTPS server closed, by reason")
              .tag("reason", "max_connections")
              .register(metrics.registry()));
    } else if (serving) {
      LOG.warn(
          "connections over the limit are closed by the JDK without being counted",
          "max_connections",
          limits.maxConnections(),
          "to_count_them",
          "--add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED");
    }
    server.setHttpsConfigurator(tlsConfigurator(keyManager, metrics));
    server.createContext("/mutate", new AdmissionHandler("mutate", AdmissionPhase.MUTATE, context));
    server.createContext(
        "/validate", new AdmissionHandler("validate", AdmissionPhase.VALIDATE, context));
    server.createContext("/healthz", OperationalHandlers.health());
    server.createContext(
        "/readyz",
        OperationalHandlers.ready(
            engines::isReady,
            () -> engines.get().map(PolicyEngine::invalidPolicies).orElse(java.util.List.of())));
    server.createContext("/metrics", OperationalHandlers.metrics(metrics));
    if (options.debugEndpoints()) {
      server.createContext("/debug/explain", new DebugExplainHandler(context));
    }
    server.createContext("/", OperationalHandlers.notFound(metrics));
    this.exchanges =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("imagegate-http-", 0).factory());
    server.setExecutor(exchanges);
    this.housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("imagegate-housekeeping").factory());
  }

  /**
   * Binds and starts serving; the certificate files are checked every {@code tlsReloadInterval},
   * and the serving threads' scheduler slices kept short ({@link ServingSlices}).
   */
  public static WebhookServer start(
      WebhookOptions options, CurrentEngine engines, NamespaceLabelLookup namespaces) {
    return start(
        options, engines, namespaces, new dev.imagegate.webhook.internal.LogPolicyReportSink());
  }

  /**
   * As {@link #start(WebhookOptions, CurrentEngine, NamespaceLabelLookup)}, sending PolicyReports
   * to {@code reports}.
   */
  public static WebhookServer start(
      WebhookOptions options,
      CurrentEngine engines,
      NamespaceLabelLookup namespaces,
      PolicyReportSink reports) {
    return start(options, engines, namespaces, reports, PullSecretResolver.none());
  }

  /**
   * As {@link #start(WebhookOptions, CurrentEngine, NamespaceLabelLookup, PolicyReportSink)},
   * resolving each review's pull secrets with {@code pullSecrets} (once per review) into {@link
   * dev.imagegate.engine.ResourceRequest#registryCredentials}.
   */
  public static WebhookServer start(
      WebhookOptions options,
      CurrentEngine engines,
      NamespaceLabelLookup namespaces,
      PolicyReportSink reports,
      PullSecretResolver pullSecrets) {
    return start(options, engines, namespaces, Clock.systemUTC(), reports, pullSecrets);
  }

  static WebhookServer start(
      WebhookOptions options, CurrentEngine engines, NamespaceLabelLookup namespaces, Clock clock) {
    return start(
        options,
        engines,
        namespaces,
        clock,
        new dev.imagegate.webhook.internal.LogPolicyReportSink());
  }

  static WebhookServer start(
      WebhookOptions options,
      CurrentEngine engines,
      NamespaceLabelLookup namespaces,
      Clock clock,
      PolicyReportSink reports) {
    return start(options, engines, namespaces, clock, reports, PullSecretResolver.none());
  }

  static WebhookServer start(
      WebhookOptions options,
      CurrentEngine engines,
      NamespaceLabelLookup namespaces,
      Clock clock,
      PolicyReportSink reports,
      PullSecretResolver pullSecrets) {
    WebhookServer webhook =
        new WebhookServer(options, engines, namespaces, clock, reports, pullSecrets, true);
    webhook.server.start();
    long interval = Math.max(1, options.tlsReloadInterval().toMillis());
    webhook.housekeeping.scheduleWithFixedDelay(
        webhook.certificates::checkNow, interval, interval, TimeUnit.MILLISECONDS);
    // Looked up on the housekeeping thread: linking the system calls is start-up work that serving
    // does not wait for.
    webhook.housekeeping.execute(
        () ->
            ServingSlices.forThisProcess()
                .ifPresent(
                    slices ->
                        webhook.housekeeping.scheduleWithFixedDelay(
                            slices, 0, ServingSlices.INTERVAL.toMillis(), TimeUnit.MILLISECONDS)));
    LOG.info(
        "webhook listening",
        "address",
        options.bindAddress(),
        "port",
        webhook.port(),
        "review_deadline_ms",
        options.reviewDeadline().toMillis(),
        "failure_policy",
        options.failurePolicy().name(),
        "max_concurrent_reviews",
        options.maxConcurrentReviews(),
        "debug_endpoints",
        options.debugEndpoints());
    return webhook;
  }

  /**
   * A server like the serving one (same certificate, handlers, TLS settings and limits) on a free
   * port of the loopback address, answering with {@code engines}: the start-up warm-up's ({@link
   * HttpsWarmUp}). It logs no reviews, publishes no reports, counts into metrics of its own and
   * leaves the JDK server's process-wide logger to the serving server.
   */
  static WebhookServer startLoopback(WebhookOptions like, CurrentEngine engines) {
    WebhookOptions options =
        like.withBind(java.net.InetAddress.getLoopbackAddress().getHostAddress(), 0)
            .withDebugEndpoints(false);
    WebhookServer loopback =
        new WebhookServer(
            options,
            engines,
            NamespaceLabelLookup.none(),
            Clock.systemUTC(),
            report -> {},
            PullSecretResolver.none(),
            false);
    loopback.server.start();
    return loopback;
  }

  private static HttpsConfigurator tlsConfigurator(KeyManager keyManager, WebhookMetrics metrics) {
    SSLContext tls;
    try {
      tls = SSLContext.getInstance("TLS");
      tls.init(new KeyManager[] {keyManager}, null, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS support in this JDK", e);
    }
    return new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        // Called once per accepted connection (those over maxConnections never get here).
        metrics.connectionAccepted();
        SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        params.setSSLParameters(parameters);
      }
    };
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The registry behind {@code /metrics}, for meters of other components (policy reloads). */
  public MeterRegistry meterRegistry() {
    return metrics.registry();
  }

  /** Records an engine rebuild in {@code imagegate_policy_reloads_total}. */
  public void recordPolicyReload(boolean success) {
    metrics.policyReload(success);
  }

  /**
   * Checks the certificate files now instead of waiting for the next interval; true if a new one
   * was installed.
   */
  public boolean reloadCertificateNow() {
    return certificates.checkNow();
  }

  /** Stops accepting, gives exchanges in progress up to 2 s, then stops. */
  @Override
  public void close() {
    housekeeping.shutdownNow();
    server.stop(2);
    reviews.close();
    exchanges.shutdownNow();
    try {
      connectionEvents.close();
    } catch (Exception e) {
      LOG.warn("cannot detach connection events", "reason", e.toString());
    }
    if (serving) {
      LOG.info("webhook stopped");
    }
  }
}
