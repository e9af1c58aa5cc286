package dev.imagegate.engine.internal;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.RegistryException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a kept tag again in the background, for {@link RequestEvaluator}'s tag cache (Caffeine
 * calls it when an entry is read after {@link dev.imagegate.engine.EngineConfig#resolveRefresh}):
 * reviews of a tag in steady use then never wait for its resolution, which would otherwise expire
 * under load once per TTL and make every review of that tag wait for the same registry round trip.
 *
 * <p>It uses the engine's client with the credentials of the cache key, i.e. those the reviews that
 * share the entry use for the image's registry, and no request's deadline: the client's own
 * timeouts bound it. A refresh that fails drops the entry (a null result), so the next review
 * resolves the tag itself and reports the registry's failure as its own result; the entry is never
 * kept beyond its TTL on the strength of an older resolution.
 */
final class TagRefresh implements AsyncCacheLoader<RequestEvaluator.ResolveKey, Digest> {
  private final OciClient client;

  TagRefresh(OciClient client) {
    this.client = client;
  }

  /** A first resolution goes through the review that needs it; this only runs for a key alone. */
  @Override
  public CompletableFuture<? extends @Nullable Digest> asyncLoad(
      RequestEvaluator.ResolveKey key, Executor executor) {
    return CompletableFuture.supplyAsync(() -> resolve(key), executor);
  }

  private @Nullable Digest resolve(RequestEvaluator.ResolveKey key) {
    OciClient view =
        key.credentials().isEmpty() ? client : client.withCredentials(key.credentials());
    try {
      return view.resolve(key.image());
    } catch (RegistryException | RuntimeException e) {
      return null; // the entry is dropped; the next review resolves and reports it
    }
  }
}
