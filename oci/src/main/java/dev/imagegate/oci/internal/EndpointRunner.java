package dev.imagegate.oci.internal;

import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs an endpoint against a registry: authorization (one challenge answered per attempt), bounded
 * retries of 429/503 honouring Retry-After within the deadline, and errors described by the
 * endpoint.
 */
final class EndpointRunner {
  private final HttpTransport transport;
  private final RegistryAuth auth;
  private final RegistryHosts hosts;
  private final RetryPolicy retry;

  EndpointRunner(
      HttpTransport transport, RegistryAuth auth, RegistryHosts hosts, RetryPolicy retry) {
    this.transport = transport;
    this.auth = auth;
    this.hosts = hosts;
    this.retry = retry;
  }

  URI base(String registry) {
    return hosts.base(registry);
  }

  <T> T run(
      RegistryEndpoint<T> endpoint,
      String registry,
      String repository,
      CredentialSource credentials,
      Call call)
      throws RegistryException {
    URI uri = hosts.base(registry).resolve(endpoint.pathAndQuery());
    String scope = RegistryAuth.pullScope(repository);
    String authorization = auth.preemptive(registry, scope, credentials, call);
    boolean challengeAnswered = false;
    int retries = 0;
    while (true) {
      RegistryResponse r =
          transport.exchange(
              new HttpTransport.Exchange(
                  endpoint.method(),
                  uri,
                  endpoint.accept(),
                  authorization,
                  null,
                  endpoint.maxBodyBytes(),
                  endpoint.followsCrossOriginRedirects()),
              call);
      if (r.status() == 401 && !challengeAnswered && HttpTransport.sameOrigin(uri, r.uri())) {
        challengeAnswered = true;
        Optional<String> answer = auth.onChallenge(registry, r, scope, credentials, call);
        if (answer.isPresent() && !answer.get().equals(authorization)) {
          authorization = answer.get();
          continue;
        }
      }
      if (RetryPolicy.retryable(r.status())) {
        if (!retry.mayRetry(retries)) {
          throw withAttempts(RegistryErrors.of(endpoint.describe(), r), retries + 1);
        }
        long wait = retry.delayMillis(retries, r.header("retry-after"), Instant.now());
        long left = call.remainingMillis();
        if (wait >= left) {
          throw new RegistryException(
              Kind.RATE_LIMITED,
              r.status(),
              endpoint.describe()
                  + ": "
                  + r.status()
                  + " asks to retry in "
                  + wait
                  + " ms, past the deadline ("
                  + left
                  + " ms left)",
              null);
        }
        sleep(wait, call);
        retries++;
        continue;
      }
      if (endpoint.handles(r.status())) {
        return endpoint.handle(r);
      }
      throw RegistryErrors.of(endpoint.describe(), r);
    }
  }

  private static RegistryException withAttempts(RegistryException e, int attempts) {
    return new RegistryException(
        e.kind(), e.status(), e.getMessage() + " (after " + attempts + " attempts)", null);
  }

  private static void sleep(long millis, Call call) throws RegistryException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(
          Kind.NETWORK, 0, call.description() + ": interrupted while waiting to retry", e);
    }
  }
}
