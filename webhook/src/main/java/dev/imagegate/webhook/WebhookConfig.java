package dev.imagegate.webhook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code imagegate serve} is configured with, as one value: the CLI parses its options
 * into this record and hands it to {@link Webhook#start(WebhookConfig)}. Build one with {@link
 * #builder(Path, Path)}; the defaults are those of the CLI.
 *
 * @param policies policy files or directories, re-read when they change
 * @param clusterPolicies whether imagegate.dev policy resources and context ConfigMaps are watched
 *     (implies {@code kubernetes})
 * @param kubernetes whether the Kubernetes API is used for namespace labels and pull secrets
 * @param bindAddress address to listen on
 * @param port TCP port; 0 picks a free one
 * @param tlsCert PEM certificate chain, leaf first
 * @param tlsKey PEM private key
 * @param tlsReloadInterval how often the certificate files are checked for changes
 * @param insecureRegistries registries reached without TLS checks
 * @param registryConfig a docker {@code config.json} with credentials, or null
 * @param imagePullSecrets pull secrets used for every review ({@code NAME} in {@code namespace}, or
 *     {@code NAMESPACE/NAME})
 * @param workloadPullSecrets whether the workload's and its service account's pull secrets are used
 * @param namespace imagegate's own namespace
 * @param reviewDeadline time from receiving a review to answering it
 * @param failurePolicy the answer when no decision is reached in time
 * @param maxConcurrentReviews reviews evaluated at once
 * @param maxRequestBytes largest accepted request body
 * @param maxJsonDepth deepest accepted JSON nesting of a request
 * @param policyPollInterval how often policy files are checked for changes
 * @param debugEndpoints whether {@code /debug/explain} is served
 * @param logLevel {@code debug}, {@code info}, {@code warn} or {@code error}
 * @param workDirectory a writable directory for materialized cluster policies
 * @param httpLimits the HTTPS server's connection limits and timeouts (slow clients)
 * @param resourceFiles objects for ImageValidatingPolicies' {@code resource.get/list} without a
 *     cluster
 * @param warmUpReviews how many verifications of images signed in memory the server runs at start,
 *     before it reports ready, so that the first real reviews do not pay class loading and JIT
 *     compilation of the verification path ({@code --warm-up-reviews}; 0: none)
 */
public record WebhookConfig(
    List<Path> policies,
    boolean clusterPolicies,
    boolean kubernetes,
    String bindAddress,
    int port,
    Path tlsCert,
    Path tlsKey,
    Duration tlsReloadInterval,
    List<String> insecureRegistries,
    @Nullable Path registryConfig,
    List<String> imagePullSecrets,
    boolean workloadPullSecrets,
    String namespace,
    Duration reviewDeadline,
    FailurePolicy failurePolicy,
    int maxConcurrentReviews,
    int maxRequestBytes,
    int maxJsonDepth,
    Duration policyPollInterval,
    boolean debugEndpoints,
    String logLevel,
    Path workDirectory,
    HttpServerLimits httpLimits,
    List<Path> resourceFiles,
    int warmUpReviews) {
  /** Checks what can be checked without starting anything. */
  public WebhookConfig {
    policies = List.copyOf(policies);
    resourceFiles = List.copyOf(resourceFiles);
    insecureRegistries = List.copyOf(insecureRegistries);
    imagePullSecrets = List.copyOf(imagePullSecrets);
    Objects.requireNonNull(tlsCert, "tlsCert");
    Objects.requireNonNull(tlsKey, "tlsKey");
    Objects.requireNonNull(failurePolicy, "failurePolicy");
    if (policies.isEmpty() && !clusterPolicies) {
      throw new IllegalArgumentException("give --policies PATH... and/or --cluster-policies");
    }
    if (!imagePullSecrets.isEmpty() && !kubernetes && !clusterPolicies) {
      throw new IllegalArgumentException("--image-pull-secret needs --kubernetes");
    }
    Objects.requireNonNull(httpLimits, "httpLimits");
    if (warmUpReviews < 0 || warmUpReviews > 100_000) {
      throw new IllegalArgumentException("--warm-up-reviews must be between 0 and 100000");
    }
    if (httpLimits.responseTimeout().compareTo(reviewDeadline) <= 0) {
      throw new IllegalArgumentException(
          "--http-response-timeout-seconds must be longer than --review-deadline-ms");
    }
    if (!List.of("debug", "info", "warn", "error").contains(logLevel.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "unknown log level " + logLevel + " (debug, info, warn or error)");
    }
  }

  /** Whether the Kubernetes API is used at all. */
  public boolean usesCluster() {
    return kubernetes || clusterPolicies;
  }

  /** A builder with the CLI's defaults. */
  public static Builder builder(Path tlsCert, Path tlsKey) {
    return new Builder(tlsCert, tlsKey);
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private final Path tlsCert;
    private final Path tlsKey;
    private List<Path> policies = new ArrayList<>();
    private boolean clusterPolicies;
    private boolean kubernetes;
    private String bindAddress = "0.0.0.0";
    private int port = 8443;
    private Duration tlsReloadInterval = Duration.ofSeconds(10);
    private List<String> insecureRegistries = new ArrayList<>();
    private @Nullable Path registryConfig;
    private List<String> imagePullSecrets = new ArrayList<>();
    private boolean workloadPullSecrets = true;
    private String namespace = "imagegate";
    private Duration reviewDeadline = Duration.ofMillis(8000);
    private FailurePolicy failurePolicy = FailurePolicy.FAIL;
    private int maxConcurrentReviews = 64;
    private int maxRequestBytes = 3 * 1024 * 1024;
    private int maxJsonDepth = 128;
    private Duration policyPollInterval = Duration.ofSeconds(2);
    private boolean debugEndpoints;
    private String logLevel = "info";
    private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"), "imagegate");
    private HttpServerLimits httpLimits = HttpServerLimits.defaults();
    private List<Path> resourceFiles = new ArrayList<>();
    private int warmUpReviews;

    private Builder(Path tlsCert, Path tlsKey) {
      this.tlsCert = tlsCert;
      this.tlsKey = tlsKey;
    }

    public Builder policies(List<Path> value) {
      this.policies = value;
      return this;
    }

    public Builder clusterPolicies(boolean value) {
      this.clusterPolicies = value;
      return this;
    }

    public Builder kubernetes(boolean value) {
      this.kubernetes = value;
      return this;
    }

    public Builder bind(String address, int newPort) {
      this.bindAddress = address;
      this.port = newPort;
      return this;
    }

    public Builder tlsReloadInterval(Duration value) {
      this.tlsReloadInterval = value;
      return this;
    }

    public Builder insecureRegistries(List<String> value) {
      this.insecureRegistries = value;
      return this;
    }

    public Builder registryConfig(@Nullable Path value) {
      this.registryConfig = value;
      return this;
    }

    public Builder imagePullSecrets(List<String> value) {
      this.imagePullSecrets = value;
      return this;
    }

    public Builder workloadPullSecrets(boolean value) {
      this.workloadPullSecrets = value;
      return this;
    }

    public Builder namespace(String value) {
      this.namespace = value;
      return this;
    }

    public Builder reviewDeadline(Duration value) {
      this.reviewDeadline = value;
      return this;
    }

    public Builder failurePolicy(FailurePolicy value) {
      this.failurePolicy = value;
      return this;
    }

    public Builder limits(int concurrentReviews, int requestBytes, int jsonDepth) {
      this.maxConcurrentReviews = concurrentReviews;
      this.maxRequestBytes = requestBytes;
      this.maxJsonDepth = jsonDepth;
      return this;
    }

    public Builder policyPollInterval(Duration value) {
      this.policyPollInterval = value;
      return this;
    }

    public Builder debugEndpoints(boolean value) {
      this.debugEndpoints = value;
      return this;
    }

    public Builder logLevel(String value) {
      this.logLevel = value;
      return this;
    }

    public Builder workDirectory(Path value) {
      this.workDirectory = value;
      return this;
    }

    public Builder httpLimits(HttpServerLimits value) {
      this.httpLimits = value;
      return this;
    }

    /**
     * Objects that ImageValidatingPolicies' {@code resource.get/list} read when imagegate does not
     * use the cluster ({@code serve --resource}); with the cluster they are read from the API.
     */
    public Builder resourceFiles(List<Path> value) {
      this.resourceFiles = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException when the options contradict each other or miss a policy
     *     source
     */
    /** Verifications run at start before ready; the builder's default is 0 (the CLI's is 2000). */
    public Builder warmUpReviews(int value) {
      this.warmUpReviews = value;
      return this;
    }

    public WebhookConfig build() {
      return new WebhookConfig(
          policies,
          clusterPolicies,
          kubernetes,
          bindAddress,
          port,
          tlsCert,
          tlsKey,
          tlsReloadInterval,
          insecureRegistries,
          registryConfig,
          imagePullSecrets,
          workloadPullSecrets,
          namespace,
          reviewDeadline,
          failurePolicy,
          maxConcurrentReviews,
          maxRequestBytes,
          maxJsonDepth,
          policyPollInterval,
          debugEndpoints,
          logLevel,
          workDirectory,
          httpLimits,
          resourceFiles,
          warmUpReviews);
    }
  }
}
