package dev.imagegate.webhook;

import dev.imagegate.webhook.internal.ClusterNamespaceLabels;
import dev.imagegate.webhook.internal.ClusterPolicySource;
import dev.imagegate.webhook.internal.ClusterPullSecretResolver;
import dev.imagegate.webhook.internal.EngineReloader;
import dev.imagegate.webhook.internal.FilePolicySource;
import dev.imagegate.webhook.internal.JsonLog;
import dev.imagegate.webhook.internal.MergedPolicySource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code imagegate serve}: the admission webhook. Composition root of the server side. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Run the Kubernetes admission webhook (POST /mutate, /validate) over HTTPS.")
public final class ServeCommand implements Callable<Integer> {
  private static final JsonLog LOG = JsonLog.forClass(ServeCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--policies",
      arity = "1..*",
      paramLabel = "PATH",
      description = "Policy files or directories (mounted ConfigMaps); re-read when they change.")
  List<Path> policies = new ArrayList<>();

  @Option(
      names = "--cluster-policies",
      description =
          "Also watch imagegate.dev ClusterImagePolicy/ImagePolicy "
              + "resources and ConfigMaps labelled imagegate.dev/context=true (implies --kubernetes).")
  boolean clusterPolicies;

  @Option(
      names = "--kubernetes",
      description =
          "Use the Kubernetes API (in-cluster config or kubeconfig) for "
              + "namespace labels and pull secrets.")
  boolean kubernetes;

  @Option(
      names = "--port",
      defaultValue = "8443",
      description = "HTTPS port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind-address",
      defaultValue = "0.0.0.0",
      description = "Default: ${DEFAULT-VALUE}.")
  String bindAddress;

  @Option(
      names = "--tls-cert",
      required = true,
      paramLabel = "FILE",
      description = "PEM certificate chain.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      required = true,
      paramLabel = "FILE",
      description = "PEM private key.")
  Path tlsKey;

  @Option(
      names = "--tls-reload-interval-ms",
      defaultValue = "10000",
      description =
          "How often certificate files are checked for changes (default: ${DEFAULT-VALUE}).")
  long tlsReloadIntervalMs;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST",
      description = "Registry reached without TLS checks.")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(
      names = "--registry-config",
      paramLabel = "FILE",
      description = "Docker config.json with credentials.")
  Path registryConfig;

  @Option(
      names = {"--image-pull-secret", "--imagePullSecrets"},
      split = ",",
      paramLabel = "[NS/]NAME",
      description = "Pull secrets used for every review (name in --namespace, or namespace/name).")
  List<String> imagePullSecrets = new ArrayList<>();

  @Option(
      names = "--workload-pull-secrets",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Use the workload's and its service account's imagePullSecrets (default: ${DEFAULT-VALUE}).")
  boolean workloadPullSecrets;

  @Option(
      names = "--namespace",
      defaultValue = "${env:POD_NAMESPACE:-imagegate}",
      description = "imagegate's own namespace (default: $POD_NAMESPACE or imagegate).")
  String namespace;

  @Option(
      names = "--review-deadline-ms",
      defaultValue = "8000",
      description =
          "Answer every review within this time; keep below the webhook timeoutSeconds "
              + "(default: ${DEFAULT-VALUE}).")
  long reviewDeadlineMs;

  @Option(
      names = "--failure-policy",
      defaultValue = "Fail",
      description =
          "Answer when no decision is reached in time: Fail (deny) or Ignore (allow with a warning).")
  String failurePolicy;

  @Option(
      names = "--max-concurrent-reviews",
      defaultValue = "64",
      description = "Default: ${DEFAULT-VALUE}.")
  int maxConcurrentReviews;

  @Option(
      names = "--max-request-bytes",
      defaultValue = "3145728",
      description = "Default: ${DEFAULT-VALUE}.")
  int maxRequestBytes;

  @Option(
      names = "--max-json-depth",
      defaultValue = "128",
      description = "Default: ${DEFAULT-VALUE}.")
  int maxJsonDepth;

  @Option(
      names = "--http-max-connections",
      defaultValue = "512",
      description =
          "Open connections at most; more are closed as they are accepted (default: ${DEFAULT-VALUE}).")
  int httpMaxConnections;

  @Option(
      names = "--http-max-request-headers",
      defaultValue = "64",
      description = "Header lines per request at most (default: ${DEFAULT-VALUE}).")
  int httpMaxRequestHeaders;

  @Option(
      names = "--http-request-timeout-seconds",
      defaultValue = "10",
      description =
          "Close a connection that has not sent its whole request (headers and body) or, once"
              + " accepted, any byte within this time (default: ${DEFAULT-VALUE}).")
  long httpRequestTimeoutSeconds;

  @Option(
      names = "--http-response-timeout-seconds",
      defaultValue = "30",
      description =
          "Close a connection whose answer is not taken within this time after its request was"
              + " read; longer than the review deadline (default: ${DEFAULT-VALUE}).")
  long httpResponseTimeoutSeconds;

  @Option(
      names = "--http-idle-timeout-seconds",
      defaultValue = "30",
      description = "Close a kept-alive connection idle for this long (default: ${DEFAULT-VALUE}).")
  long httpIdleTimeoutSeconds;

  @Option(
      names = "--policy-poll-interval-ms",
      defaultValue = "2000",
      description = "Default: ${DEFAULT-VALUE}.")
  long policyPollIntervalMs;

  @Option(
      names = "--enable-debug-endpoints",
      description =
          "Serve /debug/explain (shows policy results to any " + "caller that reaches the port).")
  boolean debugEndpoints;

  @Option(names = "--log-level", defaultValue = "info", description = "debug, info, warn or error.")
  String logLevel;

  @Option(
      names = "--work-dir",
      defaultValue = "${sys:java.io.tmpdir}/imagegate",
      description = "Writable directory for materialized cluster policies.")
  Path workDirectory;

  private final EngineFactory engineFactory;
  private final Supplier<KubernetesClient> kubernetesClients;

  /** The production command (the CLI registers this one). */
  public ServeCommand() {
    this(EngineFactories.real(), () -> new KubernetesClientBuilder().build());
  }

  /** With another engine or cluster client (tests, embedding). */
  public ServeCommand(EngineFactory engineFactory, Supplier<KubernetesClient> kubernetesClients) {
    this.engineFactory = engineFactory;
    this.kubernetesClients = kubernetesClients;
  }

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    try (Running running = start()) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "imagegate-shutdown"));
      stopped.await();
      LOG.info("shutting down", "port", running.port());
    }
    return 0;
  }

  /** Starts everything and returns at once; closing the result stops it. */
  public Running start() {
    validate();
    JsonLog.threshold(JsonLog.Level.valueOf(logLevel.toUpperCase(Locale.ROOT)));
    boolean useCluster = kubernetes || clusterPolicies;
    KubernetesClient client = useCluster ? kubernetesClients.get() : null;
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
                  imagePullSecrets.stream()
                      .map(text -> ClusterPullSecretResolver.ObjectRef.parse(text, namespace))
                      .toList(),
                  workloadPullSecrets,
                  Duration.ofSeconds(30));
      NamespaceLabelLookup namespaces =
          client == null
              ? NamespaceLabelLookup.none()
              : new ClusterNamespaceLabels(client, Duration.ofSeconds(30));
      EngineSettings settings =
          new EngineSettings(
              insecureRegistries,
              registryConfig,
              pullSecrets,
              Duration.ofMillis(reviewDeadlineMs),
              workDirectory);
      CurrentEngine engines = new CurrentEngine();
      PolicyReportSink reports =
          client == null
              ? new dev.imagegate.webhook.internal.LogPolicyReportSink()
              : new dev.imagegate.webhook.internal.ClusterPolicyReportSink(client);
      resources.add(0, reports);
      HttpServerLimits limits =
          HttpServerLimits.install(
              new HttpServerLimits(
                  httpMaxConnections,
                  httpMaxRequestHeaders,
                  HttpServerLimits.defaults().maxRequestHeaderBytes(),
                  Duration.ofSeconds(httpRequestTimeoutSeconds),
                  Duration.ofSeconds(httpResponseTimeoutSeconds),
                  Duration.ofSeconds(httpIdleTimeoutSeconds)));
      LOG.info("HTTP limits", "limits", limits.asGaugeValues());
      WebhookServer server =
          WebhookServer.start(webhookOptions(), engines, namespaces, reports, pullSecrets);
      resources.add(0, server);
      EngineReloader reloader = new EngineReloader(engineFactory, settings, engines);
      reloader.listener(server::recordPolicyReload);
      PolicySource source = policySource(client);
      resources.add(0, source);
      LOG.info("loading policies", "source", source.describe());
      source.start(reloader);
      return new Running(server, engines, resources);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  private void validate() {
    if (policies.isEmpty() && !clusterPolicies) {
      throw new ParameterException(
          spec.commandLine(), "give --policies PATH... and/or --cluster-policies");
    }
    if (!imagePullSecrets.isEmpty() && !kubernetes && !clusterPolicies) {
      throw new ParameterException(spec.commandLine(), "--image-pull-secret needs --kubernetes");
    }
    if (httpResponseTimeoutSeconds * 1000 <= reviewDeadlineMs) {
      throw new ParameterException(
          spec.commandLine(),
          "--http-response-timeout-seconds must be longer than --review-deadline-ms");
    }
    try {
      FailurePolicy.parse(failurePolicy);
      JsonLog.Level.valueOf(logLevel.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private WebhookOptions webhookOptions() {
    return new WebhookOptions(
        bindAddress,
        port,
        tlsCert,
        tlsKey,
        Duration.ofMillis(tlsReloadIntervalMs),
        Duration.ofMillis(reviewDeadlineMs),
        FailurePolicy.parse(failurePolicy),
        maxConcurrentReviews,
        maxRequestBytes,
        maxJsonDepth,
        debugEndpoints);
  }

  private PolicySource policySource(KubernetesClient client) {
    List<PolicySource> sources = new ArrayList<>();
    if (!policies.isEmpty()) {
      sources.add(new FilePolicySource(policies, Duration.ofMillis(policyPollIntervalMs)));
    }
    if (clusterPolicies) {
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

  /** A started webhook. */
  public static final class Running implements AutoCloseable {
    private final WebhookServer server;
    private final CurrentEngine engines;
    private final List<AutoCloseable> resources;

    Running(WebhookServer server, CurrentEngine engines, List<AutoCloseable> resources) {
      this.server = server;
      this.engines = engines;
      this.resources = resources;
    }

    public int port() {
      return server.port();
    }

    public WebhookServer server() {
      return server;
    }

    public boolean ready() {
      return engines.isReady();
    }

    @Override
    public void close() {
      closeAll(resources);
    }
  }
}
