package dev.imagegate.webhook;

import dev.imagegate.engine.ResourceRequest;

/**
 * Registry credentials that apply to one admission request: the workload's {@code imagePullSecrets}, those of its
 * service account, and secrets configured with {@code --image-pull-secret} (Kyverno's {@code --imagePullSecrets}).
 *
 * <p>The engine receives a resolver through {@link EngineSettings#pullSecrets()} and calls it once per
 * {@code evaluate}, before contacting registries. Implementations cache secrets briefly and never throw: an
 * unreadable secret is skipped (and logged), because the image may well be public.
 */
@FunctionalInterface
public interface PullSecretResolver {
  RegistryAuths resolve(ResourceRequest request);

  /** No credentials beyond what the engine already has (no cluster access). */
  static PullSecretResolver none() {
    return request -> RegistryAuths.EMPTY;
  }
}
