package dev.imagegate.webhook;

import dev.imagegate.ivpol.ResourceLookup;
import dev.imagegate.policy.ResourceLoader;
import dev.imagegate.webhook.internal.ClusterNamespaceLabels;
import dev.imagegate.webhook.internal.ClusterPolicyReportSink;
import dev.imagegate.webhook.internal.ClusterPolicySource;
import dev.imagegate.webhook.internal.ClusterPullSecretResolver;
import dev.imagegate.webhook.internal.ClusterResourceLookup;
import dev.imagegate.webhook.internal.CurrentEngine;
import dev.imagegate.webhook.internal.EngineFactories;
import dev.imagegate.webhook.internal.EngineReloader;
import dev.imagegate.webhook.internal.FilePolicySource;
import dev.imagegate.webhook.internal.JsonLog;
import dev.imagegate.webhook.internal.LogPolicyReportSink;
import dev.imagegate.webhook.internal.MergedPolicySource;
import dev.imagegate.webhook.internal.NamespaceLabelLookup;
import dev.imagegate.webhook.internal.PolicyReportSink;
import dev.imagegate.webhook.internal.PolicySource;
import dev.imagegate.webhook.internal.StartupWarmUp;
import dev.imagegate.webhook.internal.WebhookOptions;
import dev.imagegate.webhook.internal.WebhookServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The admission webhook as one started service: the HTTPS server ({@code /mutate}, {@code
 * /validate}, {@code /healthz}, {@code /readyz}, {@code /metrics}), the policy sources and the
 * engine they rebuild, and (with {@link WebhookConfig#usesCluster()}) the Kubernetes lookups. This
 * and {@link WebhookConfig} are the module's entry points; the CLI's {@code imagegate serve} parses
 * its options into a {@link WebhookConfig} and calls {@link #start(WebhookConfig)}.
 */
public final class Webhook implements AutoCloseable {
  private static final JsonLog LOG = JsonLog.forClass(Webhook.class);
  // The longest the start-up warm-up may keep the webhook unready.
  private static final Duration WARM_UP_BUDGET = Duration.ofSeconds(30);

  private final WebhookServer server;
  private final CurrentEngine engines;
  private final List<AutoCloseable> resources;

  private Webhook(WebhookServer server, CurrentEngine engines, List<AutoCloseable> resources) {
    this.server = server;
    this.engines = engines;
    this.resources = resources;
  }

  /** Starts the production webhook (the real engine, the in-cluster or kubeconfig client). */
  public static Webhook start(WebhookConfig config) {
    return start(config, EngineFactories.real(), () -> new KubernetesClientBuilder().build());
  }

  /**
   * Starts everything and returns at once; closing the result stops it. With another engine or
   * cluster client (tests, embedding); {@code kubernetesClients} is called only when the config
   * uses the cluster, and the client is closed with the webhook.
   */
  public static Webhook start(
      WebhookConfig config,
      EngineFactory engineFactory,
      Supplier<KubernetesClient> kubernetesClients) {
    JsonLog.threshold(JsonLog.Level.valueOf(config.logLevel().toUpperCase(Locale.ROOT)));
    KubernetesClient client = config.usesCluster() ? kubernetesClients.get() : null;
    List<AutoCloseable> resources = new ArrayList<>();
    if (client != null) {
      resources.add(client);
    }
    try {
      PullSecretResolver pullSecrets =
          client == null
              ? PullSecretResolver.none()
              : new ClusterPullSecretResolver(
                  client,
                  config.imagePullSecrets().stream()
                      .map(
                          text ->
                              ClusterPullSecretResolver.ObjectRef.parse(text, config.namespace()))
                      .toList(),
                  config.workloadPullSecrets(),
                  Duration.ofSeconds(30));
      NamespaceLabelLookup namespaces =
          client == null
              ? NamespaceLabelLookup.none()
              : new ClusterNamespaceLabels(client, Duration.ofSeconds(30));
      EngineSettings settings =
          new EngineSettings(
              config.insecureRegistries(),
              config.registryConfig(),
              pullSecrets,
              config.reviewDeadline(),
              config.workDirectory(),
              resourceLookup(config, client));
      CurrentEngine engines = new CurrentEngine();
      // Before the first server of the process, the warm-up's included: the JDK reads them once.
      HttpServerLimits limits = HttpServerLimits.install(config.httpLimits());
      LOG.info("HTTP limits", "limits", limits.asGaugeValues());
      if (config.warmUpReviews() > 0) {
        warmUp(engines, engineFactory, config);
      }
      PolicyReportSink reports =
          client == null ? new LogPolicyReportSink() : new ClusterPolicyReportSink(client);
      resources.add(0, reports);
      WebhookServer server =
          WebhookServer.start(serverOptions(config), engines, namespaces, reports, pullSecrets);
      resources.add(0, server);
      EngineReloader reloader = new EngineReloader(engineFactory, settings, engines);
      reloader.listener(server::recordPolicyReload);
      PolicySource source = policySource(config, client);
      resources.add(0, source);
      LOG.info("loading policies", "source", source.describe());
      source.start(reloader);
      return new Webhook(server, engines, resources);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  /**
   * Runs the start-up warm-up on its own thread; the webhook is not ready until it has finished
   * (see {@link StartupWarmUp}), at most {@link #WARM_UP_BUDGET} after the start.
   */
  private static void warmUp(
      CurrentEngine engines, EngineFactory engineFactory, WebhookConfig config) {
    engines.warmingUp(true);
    Thread.ofPlatform()
        .daemon()
        .name("imagegate-warm-up")
        .start(
            () -> {
              try {
                StartupWarmUp.run(
                    engineFactory,
                    config.workDirectory(),
                    config.warmUpReviews(),
                    WARM_UP_BUDGET,
                    java.time.Clock.systemUTC(),
                    serverOptions(config));
              } finally {
                engines.warmingUp(false);
              }
            });
  }

  private static WebhookOptions serverOptions(WebhookConfig config) {
    return new WebhookOptions(
        config.bindAddress(),
        config.port(),
        config.tlsCert(),
        config.tlsKey(),
        config.tlsReloadInterval(),
        config.reviewDeadline(),
        config.failurePolicy(),
        config.maxConcurrentReviews(),
        config.maxRequestBytes(),
        config.maxJsonDepth(),
        config.debugEndpoints());
  }

  /** resource.get/list: the cluster when imagegate uses it, else the --resource files. */
  private static ResourceLookup resourceLookup(
      WebhookConfig config, @Nullable KubernetesClient client) {
    if (client != null) {
      return new ClusterResourceLookup(client);
    }
    if (config.resourceFiles().isEmpty()) {
      return ResourceLookup.none();
    }
    return ResourceLookup.of(ResourceLoader.load(config.resourceFiles()).resources());
  }

  private static PolicySource policySource(
      WebhookConfig config, @Nullable KubernetesClient client) {
    List<PolicySource> sources = new ArrayList<>();
    if (!config.policies().isEmpty()) {
      sources.add(new FilePolicySource(config.policies(), config.policyPollInterval()));
    }
    if (config.clusterPolicies() && client != null) {
      sources.add(new ClusterPolicySource(client, Duration.ofMillis(500)));
    }
    return sources.size() == 1 ? sources.getFirst() : new MergedPolicySource(sources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn(
            "error while stopping",
            "resource",
            resource.getClass().getSimpleName(),
            "reason",
            e.toString());
      }
    }
  }

  /** The bound HTTPS port (useful with port 0). */
  public int port() {
    return server.port();
  }

  /** True once the first policy set has been built into an engine. */
  public boolean ready() {
    return engines.isReady();
  }

  /**
   * Checks the certificate files now instead of waiting for the next interval; true if a new one
   * was installed.
   */
  public boolean reloadCertificateNow() {
    return server.reloadCertificateNow();
  }

  /**
   * Stops the policy sources, the server and the cluster client, in that order; then waits until
   * every log line is written.
   */
  @Override
  public void close() {
    closeAll(resources);
    JsonLog.flush();
  }

  /** Blocks until the JVM shuts down, then stops. */
  public void runUntilShutdown() throws InterruptedException {
    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "imagegate-shutdown"));
    stopped.await();
    LOG.info("shutting down", "port", port());
  }
}
