package dev.imagegate.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final TokenCache cache = new TokenCache(now::get);

  @Test
  void keepsATokenPerRegistryAndScopeUntilShortlyBeforeExpiry() {
    cache.put("r.io", "repository:a:pull", null, "t1", 100);
    assertThat(cache.get("r.io", "repository:a:pull", null)).isEqualTo("t1");
    assertThat(cache.get("r.io", "repository:b:pull", null)).isNull();
    assertThat(cache.get("other.io", "repository:a:pull", null)).isNull();
    now.addAndGet(89_000_000_000L);
    assertThat(cache.get("r.io", "repository:a:pull", null)).isEqualTo("t1");
    now.addAndGet(2_000_000_000L);
    assertThat(cache.get("r.io", "repository:a:pull", null)).isNull();
  }

  @Test
  void aTokenWithoutExpiresInLivesTheSpecDefault() {
    cache.put("r.io", "s", null, "t", 0);
    now.addAndGet(53_000_000_000L);
    assertThat(cache.get("r.io", "s", null)).isEqualTo("t");
    now.addAndGet(2_000_000_000L);
    assertThat(cache.get("r.io", "s", null)).isNull();
  }

  @Test
  void aTokenIsKeptPerCredentialAndNeverAnswersForAnotherOrForAnonymous() {
    RegistryCredential alice = new RegistryCredential("alice", "a", null);
    RegistryCredential bob = new RegistryCredential("bob", "b", null);
    cache.put("r.io", "s", alice, "ta", 100);
    assertThat(cache.get("r.io", "s", alice)).isEqualTo("ta");
    assertThat(cache.get("r.io", "s", new RegistryCredential("alice", "a", null))).isEqualTo("ta");
    assertThat(cache.get("r.io", "s", new RegistryCredential("alice", "other", null))).isNull();
    assertThat(cache.get("r.io", "s", bob)).isNull();
    assertThat(cache.get("r.io", "s", null)).isNull();
    cache.put("r.io", "s", null, "anon", 100);
    assertThat(cache.get("r.io", "s", null)).isEqualTo("anon");
    assertThat(cache.get("r.io", "s", alice)).isEqualTo("ta");
  }
}
