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
import dev.imagegate.testkit.TestPods;
import java.nio.file.Files;
import java.nio.file.Path;
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
