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

  /** No credentials beyond what the engine already has (no cluster access). */
  static PullSecretResolver none() {
    return request -> RegistryAuths.EMPTY;
  }
}
