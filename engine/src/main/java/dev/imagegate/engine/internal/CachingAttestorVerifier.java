package dev.imagegate.engine.internal;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.policy.Attestor;
import dev.imagegate.policy.ImageVerificationType;
import dev.imagegate.policy.VerifyImage;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A verification cache in front of the verifiers, keyed by policy version, attestor, signature repository,
 * image digest and attestation type. Identical in-flight verifications are coalesced (single flight: Caffeine
 * hands every caller the same future). Verified outcomes live {@code successTtl}, denials {@code failureTtl},
 * errors are not kept. Bounded in entries.
 */
final class CachingAttestorVerifier implements AttestorVerifier {
  private record Key(String policyVersion, Attestor attestor, ImageVerificationType type, String ruleRepository,
                     String repository, Digest digest, String predicateType) {}

  private final AttestorVerifier delegate;
  private final AsyncCache<Key, Outcome> cache;
  private final Executor executor;
  private final String policyVersion;

  CachingAttestorVerifier(AttestorVerifier delegate, Executor executor, String policyVersion, long maxEntries,
                          Duration successTtl, Duration failureTtl) {
    this.delegate = delegate;
    this.executor = executor;
    this.policyVersion = policyVersion;
    this.cache = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .executor(executor)
        .expireAfter(new Expiry<Key, Outcome>() {
          @Override
          public long expireAfterCreate(Key key, Outcome value, long currentTime) {
            return switch (value) {
              case Outcome.Verified v -> successTtl.toNanos();
              case Outcome.Denied d -> failureTtl.toNanos();
              case Outcome.Error e -> 0;
            };
          }

          @Override
          public long expireAfterUpdate(Key key, Outcome value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
          }

          @Override
          public long expireAfterRead(Key key, Outcome value, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .recordStats()
        .buildAsync();
  }

  @Override
  public Outcome verify(ImageReference ref, Digest digest, Attestor attestor, VerifyImage rule, String predicateType,
                        PhaseTimings timings) {
    return future(ref, digest, attestor, rule, predicateType, timings).join();
  }

  /** The (possibly shared) verification; callers bound their wait with the request deadline. */
  CompletableFuture<Outcome> future(ImageReference ref, Digest digest, Attestor attestor, VerifyImage rule,
                                    String predicateType, PhaseTimings timings) {
    if (!rule.useCache()) {
      return CompletableFuture.supplyAsync(() -> delegate.verify(ref, digest, attestor, rule, predicateType, timings), executor);
    }
    Key key = new Key(policyVersion, attestor, rule.type(), rule.repository(), ref.context(), digest, predicateType);
    return cache.get(key, (k, ex) -> CompletableFuture.supplyAsync(
        () -> delegate.verify(ref, digest, attestor, rule, predicateType, timings), ex));
  }

  /** Hit ratio since start, for metrics. */
  double hitRatio() {
    return cache.synchronous().stats().hitRate();
  }

  long size() {
    return cache.synchronous().estimatedSize();
  }

  static long nanos(Duration d) {
    return TimeUnit.NANOSECONDS.convert(d);
  }
}
