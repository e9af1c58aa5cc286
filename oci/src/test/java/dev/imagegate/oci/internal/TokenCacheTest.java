package dev.imagegate.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final TokenCache cache = new TokenCache(now::get);

  @Test
  void keepsATokenPerRegistryAndScopeUntilShortlyBeforeExpiry() {
    cache.put("r.io", "repository:a:pull", "t1", 100);
    assertThat(cache.get("r.io", "repository:a:pull")).isEqualTo("t1");
    assertThat(cache.get("r.io", "repository:b:pull")).isNull();
    assertThat(cache.get("other.io", "repository:a:pull")).isNull();
    now.addAndGet(89_000_000_000L);
    assertThat(cache.get("r.io", "repository:a:pull")).isEqualTo("t1");
    now.addAndGet(2_000_000_000L);
    assertThat(cache.get("r.io", "repository:a:pull")).isNull();
  }

  @Test
  void aTokenWithoutExpiresInLivesTheSpecDefault() {
    cache.put("r.io", "s", "t", 0);
    now.addAndGet(53_000_000_000L);
    assertThat(cache.get("r.io", "s")).isEqualTo("t");
    now.addAndGet(2_000_000_000L);
    assertThat(cache.get("r.io", "s")).isNull();
  }
}
