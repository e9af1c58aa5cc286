package dev.imagegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.testkit.CosignKeyPair;
import dev.imagegate.testkit.Fixtures;
import dev.imagegate.testkit.KeySignedPodsPolicy;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import dev.imagegate.testkit.RealTime;
import dev.imagegate.testkit.TestPods;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PolicyEngine#evaluateFromCache} (the webhook's fast path for warm reviews) against a real
 * registry holding an image signed by the real cosign: it answers only once {@link
 * PolicyEngine#evaluate} has resolved and verified everything, then answers exactly as {@code
 * evaluate} does, and it never reaches the registry nor starts a verification.
 */
class CachedEvaluationTest {
  static final Peers PEERS = Peers.installed();

  /**
   * The tag cache's TTL in the refresh test (refresh from 6 s): real time, margins of seconds for a
   * registry on loopback; the test asserts orderings, not timings.
   */
  static final Duration REFRESH_TTL = Duration.ofSeconds(8);

  @TempDir Path work;

  @Test
  void answersOnlyFromWhatIsCachedExactlyAsEvaluateAndWithoutTheRegistry() throws Exception {
    Prerequisites.peers("crane");
    LocalRegistry registry = LocalRegistry.start(PEERS);
    PolicyEngine engine = null;
    try {
      Fixtures fixtures = new Fixtures(PEERS, work);
      String digest = fixtures.pushRandomImage(registry.host(), "team/app:v1");
      fixtures.pushRandomImage(registry.host(), "team/app:unsigned");
      CosignKeyPair key = CosignKeyPair.generate(PEERS, work);
      key.sign(registry.host() + "/team/app@" + digest);
      engine = PolicyEngines.load(List.of(policy(registry.host(), key)), config(registry.host()));
      String byTag = registry.host() + "/team/app:v1";
      String unsigned = registry.host() + "/team/app:unsigned";

      // Cold: nothing cached, so no answer, and no verification was started for the attempt.
      assertThat(engine.evaluateFromCache(pod(byTag), AdmissionPhase.BOTH, soon())).isEmpty();
      assertThat(engine.verificationCacheSize()).isZero();

      Decision evaluated = engine.evaluate(pod(byTag), AdmissionPhase.BOTH, soon());
      assertThat(evaluated.allowed()).as(String.valueOf(evaluated.denyMessage())).isTrue();
      assertThat(evaluated.patches()).isNotEmpty();

      Optional<Decision> cached = engine.evaluateFromCache(pod(byTag), AdmissionPhase.BOTH, soon());
      assertThat(cached).isPresent();
      assertSameAnswer(cached.get(), evaluated);

      // Another image of the same repository is not cached: no answer, nothing started.
      long kept = engine.verificationCacheSize();
      assertThat(engine.evaluateFromCache(pod(unsigned), AdmissionPhase.BOTH, soon())).isEmpty();
      assertThat(engine.verificationCacheSize()).isEqualTo(kept);

      // With the registry gone the cached answer is unchanged: it never needed the registry.
      registry.close();
      Optional<Decision> offline =
          engine.evaluateFromCache(pod(byTag), AdmissionPhase.BOTH, soon());
      assertThat(offline).isPresent();
      assertSameAnswer(offline.get(), evaluated);
      assertThat(engine.evaluateFromCache(pod(unsigned), AdmissionPhase.BOTH, soon())).isEmpty();
    } finally {
      if (engine != null) {
        engine.close();
      }
      registry.close();
    }
  }

  /**
   * The tag cache's refresh ahead of expiry (RequestEvaluator, TagRefresh): a tag read in the last
   * quarter of its TTL keeps answering from the cache while it is resolved again in the background;
   * the new resolution replaces it (a moved tag is seen before the TTL) and restarts its TTL; a
   * refresh that fails drops the entry instead of keeping the old digest.
   */
  @Test
  void aTagReadNearItsExpiryIsResolvedAgainInTheBackgroundAndAFailedRefreshDropsIt()
      throws Exception {
    Prerequisites.peers("crane");
    LocalRegistry registry = LocalRegistry.start(PEERS);
    PolicyEngine engine = null;
    try {
      Fixtures fixtures = new Fixtures(PEERS, work);
      String first = fixtures.pushRandomImage(registry.host(), "team/app:v1");
      CosignKeyPair key = CosignKeyPair.generate(PEERS, work);
      key.sign(registry.host() + "/team/app@" + first);
      engine =
          PolicyEngines.load(
              List.of(policy(registry.host(), key)),
              config(registry.host()).withResolveTtl(REFRESH_TTL));
      ResourceRequest byTag = pod(registry.host() + "/team/app:v1");

      long resolved = System.nanoTime();
      assertThat(pinned(engine.evaluate(byTag, AdmissionPhase.BOTH, soon()))).contains(first);

      // The tag moves (to a signed image) while the first resolution is kept.
      String second = fixtures.pushRandomImage(registry.host(), "team/app:v1");
      key.sign(registry.host() + "/team/app@" + second);

      // Read in the refresh window: answered from the cache at once, with the kept digest.
      RealTime.sleepUntil(resolved, Duration.ofMillis(6_300));
      Optional<Decision> stale = engine.evaluateFromCache(byTag, AdmissionPhase.BOTH, soon());
      assertThat(stale).isPresent();
      assertThat(pinned(stale.get())).contains(first);

      // That read started a resolution in the background: the second image (not verified yet,
      // so no answer from the cache alone) replaces the first before the first's TTL is over.
      long refreshed = awaitNoCachedAnswer(engine, byTag, resolved + REFRESH_TTL.toNanos());
      assertThat(refreshed - resolved).isLessThan(REFRESH_TTL.toNanos());
      assertThat(pinned(engine.evaluate(byTag, AdmissionPhase.BOTH, soon()))).contains(second);

      // The refreshed entry has a TTL of its own: past the first resolution's expiry it answers.
      RealTime.sleepUntil(resolved, REFRESH_TTL.plusMillis(300));
      Optional<Decision> renewed = engine.evaluateFromCache(byTag, AdmissionPhase.BOTH, soon());
      assertThat(renewed).isPresent();
      assertThat(pinned(renewed.get())).contains(second);

      // With the registry gone, the next refresh fails: the entry is dropped before its TTL ends
      // (the kept digest is not stretched beyond it, and the next review resolves by itself).
      registry.close();
      RealTime.sleepUntil(refreshed, Duration.ofMillis(6_300));
      assertThat(engine.evaluateFromCache(byTag, AdmissionPhase.BOTH, soon())).isPresent();
      long dropped = awaitNoCachedAnswer(engine, byTag, refreshed + REFRESH_TTL.toNanos() * 2);
      assertThat(dropped - refreshed).isLessThan(REFRESH_TTL.toNanos());
    } finally {
      if (engine != null) {
        engine.close();
      }
      registry.close();
    }
  }

  /** When the caches alone no longer answer {@code request}, or MAX_VALUE if not before limit. */
  private static long awaitNoCachedAnswer(PolicyEngine engine, ResourceRequest request, long limit)
      throws InterruptedException {
    return RealTime.awaitNanos(
        () -> engine.evaluateFromCache(request, AdmissionPhase.BOTH, soon()).isEmpty(), limit);
  }

  private static String pinned(Decision decision) {
    assertThat(decision.allowed()).as(String.valueOf(decision.denyMessage())).isTrue();
    return decision.patches().toString();
  }

  private static void assertSameAnswer(Decision actual, Decision expected) {
    assertThat(actual.allowed()).isEqualTo(expected.allowed());
    assertThat(actual.denyMessage()).isEqualTo(expected.denyMessage());
    assertThat(actual.patches()).isEqualTo(expected.patches());
    assertThat(actual.warnings()).isEqualTo(expected.warnings());
    assertThat(actual.results()).isEqualTo(expected.results());
  }

  private Path policy(String host, CosignKeyPair key) throws Exception {
    Path policy = work.resolve("policy.yaml");
    Files.writeString(
        policy,
        KeySignedPodsPolicy.of("signed", "team-images", host + "/*", key.publicKeyPem()).yaml());
    return policy;
  }

  private EngineConfig config(String host) {
    return EngineConfig.defaults()
        .withOci(
            OciClientConfig.defaults()
                .withInsecureRegistries(Set.of(host))
                .withDockerConfig(work.resolve("no-docker-config.json")));
  }

  private static ResourceRequest pod(String image) {
    ObjectNode pod = TestPods.single("web", "team", "app", image);
    return ResourceRequest.builder(pod).namespace("team").uid("uid-1").build();
  }

  private static Instant soon() {
    return Instant.now().plusSeconds(60);
  }
}
