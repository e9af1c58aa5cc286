package dev.imagegate.engine.internal;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.imagegate.oci.Digest;
import dev.imagegate.policy.Attestor;
import dev.imagegate.policy.ImageVerificationType;
import dev.imagegate.policy.VerifyImage;
import dev.imagegate.verify.Outcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A verification cache in front of the verifiers, keyed by policy version, attestor, signature
 * repository, image digest, attestation type and the request's credentials for the registries
 * involved (the image's and the signature repository's; see {@link RegistryAccess#identity}): an
 * outcome obtained with one pod's pull secrets never answers a request with other credentials or
 * none, in flight or cached. Identical in-flight verifications are coalesced (single flight:
 * Caffeine hands every caller the same future). Verified outcomes live {@code successTtl}, denials
 * {@code failureTtl}, errors are not kept. Bounded in entries.
 */
final class CachingAttestorVerifier implements AttestorVerifier {
  private record Key(
      String policyVersion,
      Attestor attestor,
      ImageVerificationType type,
      String ruleRepository,
      String repository,
      Digest digest,
      String predicateType,
      java.util.Map<String, dev.imagegate.oci.RegistryCredentials> credentials) {
    @Override
    public String toString() {
      return "Key["
          + repository
          + "@"
          + digest
          + ", "
          + predicateType
          + ", credentials for "
          + credentials.keySet()
          + "]";
    }
  }

  private final AttestorVerifier delegate;
  private final AsyncCache<Key, Outcome> cache;
  private final Executor executor;
  private final String policyVersion;

  CachingAttestorVerifier(
      AttestorVerifier delegate,
      Executor executor,
      String policyVersion,
      long maxEntries,
      Duration successTtl,
      Duration failureTtl) {
    this.delegate = delegate;
    this.executor = executor;
    this.policyVersion = policyVersion;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .executor(executor)
            .expireAfter(
                new Expiry<Key, Outcome>() {
                  @Override
                  public long expireAfterCreate(Key key, Outcome value, long currentTime) {
                    return switch (value) {
                      case Outcome.Verified v -> successTtl.toNanos();
                      case Outcome.Denied d -> failureTtl.toNanos();
                      case Outcome.Error e -> 0;
                    };
                  }

                  @Override
                  public long expireAfterUpdate(
                      Key key, Outcome value, long currentTime, long currentDuration) {
                    return expireAfterCreate(key, value, currentTime);
                  }

                  @Override
                  public long expireAfterRead(
                      Key key, Outcome value, long currentTime, long currentDuration) {
                    return currentDuration;
                  }
                })
            .recordStats()
            .buildAsync();
  }

  @Override
  public Outcome verify(VerificationTarget target, Attestor attestor) {
    return future(target, attestor).join();
  }

  /** The (possibly shared) verification; callers bound their wait with the request deadline. */
  CompletableFuture<Outcome> future(VerificationTarget target, Attestor attestor) {
    VerifyImage rule = target.rule();
    if (!rule.useCache()) {
      if (target.access().cacheOnly()) {
        return missed(target.access());
      }
      return CompletableFuture.supplyAsync(() -> delegate.verify(target, attestor), executor);
    }
    String signatures = attestor.repository() != null ? attestor.repository() : rule.repository();
    Key key =
        new Key(
            policyVersion,
            attestor,
            rule.type(),
            rule.repository(),
            target.ref().context(),
            target.digest(),
            target.predicateType(),
            target.access().identity(target.ref().registry(), registryOf(signatures)));
    if (target.access().cacheOnly()) {
      // Never starts (or joins) a verification: only a finished, kept outcome answers. The map
      // view does not count a lookup; a hit is counted through getIfPresent, so the hit ratio
      // is the same as when the review is answered the usual way.
      CompletableFuture<Outcome> kept = cache.asMap().get(key);
      if (kept == null || !kept.isDone() || kept.isCompletedExceptionally()) {
        return missed(target.access());
      }
      CompletableFuture<Outcome> counted = cache.getIfPresent(key);
      return counted != null ? counted : kept;
    }
    return cache.get(
        key, (k, ex) -> CompletableFuture.supplyAsync(() -> delegate.verify(target, attestor), ex));
  }

  private static CompletableFuture<Outcome> missed(RegistryAccess access) {
    access.missed();
    return CompletableFuture.failedFuture(new IllegalStateException("not cached"));
  }

  /**
   * The registry of a signature repository, null when there is none or it does not parse (then the
   * verifier errs).
   */
  private static String registryOf(String repository) {
    if (repository == null || repository.isBlank()) {
      return null;
    }
    try {
      return dev.imagegate.oci.RepositoryName.parse(repository).registry();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Hit ratio since start, for metrics. */
  double hitRatio() {
    return cache.synchronous().stats().hitRate();
  }

  long size() {
    return cache.synchronous().estimatedSize();
  }
}
