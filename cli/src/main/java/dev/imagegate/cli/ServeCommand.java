package dev.imagegate.cli;

import dev.imagegate.webhook.FailurePolicy;
import dev.imagegate.webhook.HttpServerLimits;
import dev.imagegate.webhook.Webhook;
import dev.imagegate.webhook.WebhookConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code imagegate serve}: the admission webhook. Parses its options into a {@link WebhookConfig};
 * the webhook module composes and runs the server ({@link Webhook#start(WebhookConfig)}).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Run the Kubernetes admission webhook (POST /mutate, /validate) over HTTPS.")
public final class ServeCommand implements Callable<Integer> {
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
      names = "--resource",
      paramLabel = "FILE_OR_DIR",
      description =
          "Objects that ImageValidatingPolicies' resource.get/list read when the cluster is not"
              + " used (repeatable; with --kubernetes they are read from the API server).")
  List<Path> resources = new ArrayList<>();

  @Option(
      names = "--port",
      defaultValue = "8443",
      description = "HTTPS port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind-address",
      defaultValue = "0.0.0.0",
      description = "Default: ${DEFAULT-VALUE}.")
  String bindAddress = "0.0.0.0";

  @Option(
      names = "--tls-cert",
      required = true,
      paramLabel = "FILE",
      description = "PEM certificate chain.")
  @Nullable Path tlsCert;

  @Option(
      names = "--tls-key",
      required = true,
      paramLabel = "FILE",
      description = "PEM private key.")
  @Nullable Path tlsKey;

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
  @Nullable Path registryConfig;

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
  @Nullable String namespace;

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
  String failurePolicy = "Fail";

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
  String logLevel = "info";

  @Option(
      names = "--work-dir",
      defaultValue = "${sys:java.io.tmpdir}/imagegate",
      description = "Writable directory for materialized cluster policies.")
  @Nullable Path workDirectory;

  @Option(
      names = "--warm-up-reviews",
      defaultValue = "2000",
      description =
          "Verifications of images signed in memory (a loopback registry of its own), then as"
              + " many reviews of them over HTTPS to a loopback copy of this server, run at start,"
              + " before /readyz reports ready, so the first real reviews do not pay class loading"
              + " and JIT compilation; 0 turns the warm-up off. Default: ${DEFAULT-VALUE}.")
  int warmUpReviews;

  @Override
  public Integer call() throws InterruptedException {
    try (Webhook running = Webhook.start(config())) {
      running.runUntilShutdown();
    }
    return 0;
  }

  /** The options as a webhook configuration; a contradiction is a usage error (exit code 2). */
  WebhookConfig config() {
    try {
      // required = true: picocli rejects a command line without --tls-cert or --tls-key.
      return WebhookConfig.builder(
              Objects.requireNonNull(tlsCert, "--tls-cert"),
              Objects.requireNonNull(tlsKey, "--tls-key"))
          .policies(policies)
          .clusterPolicies(clusterPolicies)
          .kubernetes(kubernetes)
          .bind(bindAddress, port)
          .tlsReloadInterval(Duration.ofMillis(tlsReloadIntervalMs))
          .insecureRegistries(insecureRegistries)
          .registryConfig(registryConfig)
          .imagePullSecrets(imagePullSecrets)
          .workloadPullSecrets(workloadPullSecrets)
          // Both have a defaultValue, which picocli applies whenever the option is not given.
          .namespace(Objects.requireNonNull(namespace, "--namespace"))
          .reviewDeadline(Duration.ofMillis(reviewDeadlineMs))
          .failurePolicy(FailurePolicy.parse(failurePolicy))
          .limits(maxConcurrentReviews, maxRequestBytes, maxJsonDepth)
          .policyPollInterval(Duration.ofMillis(policyPollIntervalMs))
          .debugEndpoints(debugEndpoints)
          .logLevel(logLevel)
          .workDirectory(Objects.requireNonNull(workDirectory, "--work-dir"))
          .resourceFiles(resources)
          .warmUpReviews(warmUpReviews)
          .httpLimits(
              new HttpServerLimits(
                  httpMaxConnections,
                  httpMaxRequestHeaders,
                  HttpServerLimits.defaults().maxRequestHeaderBytes(),
                  Duration.ofSeconds(httpRequestTimeoutSeconds),
                  Duration.ofSeconds(httpResponseTimeoutSeconds),
                  Duration.ofSeconds(httpIdleTimeoutSeconds)))
          .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
