package dev.imagegate.ivpol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.EngineConfig;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.testkit.CosignKeyPair;
import dev.imagegate.testkit.Fixtures;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import dev.imagegate.testkit.RealTime;
import dev.imagegate.testkit.TestPods;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ImageValidatingPolicy engine's tag cache refreshes ahead of expiry as the legacy engine's
 * (engine's CachedEvaluationTest): real registry and cosign, real time, a TTL of 8 s (refresh from
 * 6 s). A read in the refresh window answers with the kept digest and starts a resolution in the
 * background, which sees a moved tag before the TTL; the verification cache, keyed by digest, does
 * not answer for the tag's new content; a refresh that fails drops the entry.
 */
class IvpolTagRefreshTest {
  static final Peers PEERS = Peers.installed();
  static final Duration TTL = Duration.ofSeconds(8);
  @TempDir Path work;

  @Test
  void aTagReadNearItsExpiryIsResolvedAgainInTheBackground() throws Exception {
    Prerequisites.peers("crane");
    LocalRegistry registry = LocalRegistry.start(PEERS);
    try {
      String host = registry.host();
      Fixtures fixtures = new Fixtures(PEERS, work);
      CosignKeyPair key = CosignKeyPair.generate(PEERS, work);
      String first = fixtures.pushRandomImage(host, "app:v1");
      key.sign(host + "/app@" + first);
      EngineConfig config =
          EngineConfig.defaults()
              .withOci(OciClientConfig.defaults().withInsecureRegistries(Set.of(host)))
              .withResolveTtl(TTL);
      IvpolLoad load =
          IvpolLoader.parse(
              // Tags verified as written (no digest required, none pinned): the validating
              // webhook alone decides on a tag's content.
              IvpolEngineTest.policy(
                  "tags",
                  "  validationConfigurations:\n    mutateDigest: false\n    verifyDigest: false",
                  key.publicKeyPem(),
                  IvpolEngineTest.VERIFY_ALL),
              "policy.yaml");
      try (IvpolEngine engine = IvpolEngine.create(load.policies(), config, true, null)) {
        ResourceRequest byTag =
            ResourceRequest.create(TestPods.pod("p", "default", host + "/app:v1"), "default");
        long resolved = System.nanoTime();
        assertThat(engine.evaluate(byTag, AdmissionPhase.VALIDATE, soon()).allowed()).isTrue();

        // The tag moves to an image nobody signed.
        String second = fixtures.pushRandomImage(host, "app:v1");

        // Read in the refresh window: answered from the caches at once (the kept digest's
        // verification), and a resolution of the tag starts in the background.
        RealTime.sleepUntil(resolved, Duration.ofMillis(6_300));
        Optional<Decision> stale = engine.evaluateFromCache(byTag, AdmissionPhase.VALIDATE, soon());
        assertThat(stale).isPresent();
        assertThat(stale.get().allowed()).isTrue();

        // The new resolution lands before the TTL: the caches alone no longer answer, since the
        // first image's verification (kept for an hour) is keyed by its digest and does not answer
        // for the content the tag names now. Kyverno keys it by the reference as written, which
        // would admit the unsigned image here for as long as the verification is kept.
        long refreshed = awaitNoCachedAnswer(engine, byTag, resolved + TTL.toNanos());
        assertThat(refreshed - resolved).isLessThan(TTL.toNanos());
        assertThat(engine.evaluate(byTag, AdmissionPhase.VALIDATE, soon()).allowed()).isFalse();
        key.sign(host + "/app@" + second);
        assertThat(engine.evaluate(byTag, AdmissionPhase.VALIDATE, soon()).allowed()).isTrue();

        // With the registry gone the next refresh fails and drops the entry before its TTL.
        registry.close();
        RealTime.sleepUntil(refreshed, Duration.ofMillis(6_300));
        assertThat(engine.evaluateFromCache(byTag, AdmissionPhase.VALIDATE, soon())).isPresent();
        long dropped = awaitNoCachedAnswer(engine, byTag, refreshed + TTL.toNanos() * 2);
        assertThat(dropped - refreshed).isLessThan(TTL.toNanos());
      }
    } finally {
      registry.close();
    }
  }

  /** When the caches alone no longer answer {@code request}, or MAX_VALUE if not before limit. */
  private static long awaitNoCachedAnswer(IvpolEngine engine, ResourceRequest request, long limit)
      throws InterruptedException {
    return RealTime.awaitNanos(
        () -> engine.evaluateFromCache(request, AdmissionPhase.VALIDATE, soon()).isEmpty(), limit);
  }

  private static Instant soon() {
    return Instant.now().plusSeconds(60);
  }
}
