package dev.imagegate.webhook.internal;

import dev.imagegate.webhook.FailurePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTPS server behaves.
 *
 * @param bindAddress address to listen on ({@code 0.0.0.0} in a pod, {@code 127.0.0.1} in tests)
 * @param port TCP port; 0 picks a free one
 * @param tlsCert PEM certificate chain, leaf first
 * @param tlsKey PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC)
 * @param tlsReloadInterval how often the certificate files are checked for changes
 * @param reviewDeadline time from receiving a review to answering it; keep it below the webhook's
 *     timeoutSeconds
 * @param failurePolicy the answer when no decision is reached in time
 * @param maxConcurrentReviews reviews evaluated at once; more wait (within their deadline) for a
 *     slot
 * @param maxRequestBytes largest accepted request body (the API server itself caps requests at 3
 *     MiB)
 * @param maxJsonDepth deepest accepted JSON nesting
 * @param debugEndpoints whether {@code /debug/explain} is served (it reveals policy results to any
 *     caller)
 */
public record WebhookOptions(
    String bindAddress,
    int port,
    Path tlsCert,
    Path tlsKey,
    Duration tlsReloadInterval,
    Duration reviewDeadline,
    FailurePolicy failurePolicy,
    int maxConcurrentReviews,
    int maxRequestBytes,
    int maxJsonDepth,
    boolean debugEndpoints) {
  public static final int API_SERVER_MAX_REQUEST_BYTES = 3 * 1024 * 1024;

  public WebhookOptions {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(tlsCert, "tlsCert");
    Objects.requireNonNull(tlsKey, "tlsKey");
    Objects.requireNonNull(failurePolicy, "failurePolicy");
    if (reviewDeadline.isNegative() || reviewDeadline.isZero()) {
      throw new IllegalArgumentException("review deadline must be positive");
    }
    if (maxConcurrentReviews < 1 || maxRequestBytes < 1024 || maxJsonDepth < 16) {
      throw new IllegalArgumentException(
          "limits too small: concurrency "
              + maxConcurrentReviews
              + ", request bytes "
              + maxRequestBytes
              + ", JSON depth "
              + maxJsonDepth);
    }
  }

  /** Defaults for a 10 s webhook timeout. */
  public static WebhookOptions defaults(Path tlsCert, Path tlsKey) {
    return new WebhookOptions(
        "0.0.0.0",
        8443,
        tlsCert,
        tlsKey,
        Duration.ofSeconds(10),
        Duration.ofMillis(8000),
        FailurePolicy.FAIL,
        64,
        API_SERVER_MAX_REQUEST_BYTES,
        128,
        false);
  }

  public WebhookOptions withBind(String address, int newPort) {
    return new WebhookOptions(
        address,
        newPort,
        tlsCert,
        tlsKey,
        tlsReloadInterval,
        reviewDeadline,
        failurePolicy,
        maxConcurrentReviews,
        maxRequestBytes,
        maxJsonDepth,
        debugEndpoints);
  }

  public WebhookOptions withReviewDeadline(Duration deadline, FailurePolicy policy) {
    return new WebhookOptions(
        bindAddress,
        port,
        tlsCert,
        tlsKey,
        tlsReloadInterval,
        deadline,
        policy,
        maxConcurrentReviews,
        maxRequestBytes,
        maxJsonDepth,
        debugEndpoints);
  }

  public WebhookOptions withDebugEndpoints(boolean enabled) {
    return new WebhookOptions(
        bindAddress,
        port,
        tlsCert,
        tlsKey,
        tlsReloadInterval,
        reviewDeadline,
        failurePolicy,
        maxConcurrentReviews,
        maxRequestBytes,
        maxJsonDepth,
        enabled);
  }
}
