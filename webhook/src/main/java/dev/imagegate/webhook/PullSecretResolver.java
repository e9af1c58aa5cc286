package dev.imagegate.webhook;

import dev.imagegate.engine.ResourceRequest;

/**
 * Registry credentials that apply to one admission request: the workload's {@code
 * imagePullSecrets}, those of its service account, and secrets configured with {@code
 * --image-pull-secret} (Kyverno's {@code --imagePullSecrets}).
 *
 * <p>The webhook calls it once per review, before the engine runs, and passes the result to the
 * engine in {@link ResourceRequest#registryCredentials()}, where it takes precedence over {@code
 * --registry-config} ({@code ServeCommand} gives the same resolver to {@link WebhookServer} and,
 * for custom factories, in {@link EngineSettings#pullSecrets()}). Implementations cache secrets
 * briefly and should not throw: an unreadable secret is skipped (and logged), because the image may
 * well be public. Should one throw anyway, the review goes on without pull-secret credentials
 * (logged as a warning).
 */
@FunctionalInterface
public interface PullSecretResolver {
  RegistryAuths resolve(ResourceRequest request);

  /**
   * What {@link #resolve} would answer, if that is known without a lookup (every secret and service
   * account involved is cached), else empty. The webhook's fast path for warm reviews runs on the
   * request thread and asks this first; it must not block. The default knows nothing (every review
   * then takes the path with {@link #resolve}).
   */
  default java.util.Optional<RegistryAuths> resolveCached(ResourceRequest request) {
    return java.util.Optional.empty();
  }

  /** No credentials beyond what the engine already has (no cluster access). */
  static PullSecretResolver none() {
    return new PullSecretResolver() {
      @Override
      public RegistryAuths resolve(ResourceRequest request) {
        return RegistryAuths.EMPTY;
      }

      @Override
      public java.util.Optional<RegistryAuths> resolveCached(ResourceRequest request) {
        return java.util.Optional.of(RegistryAuths.EMPTY);
      }
    };
  }
}
