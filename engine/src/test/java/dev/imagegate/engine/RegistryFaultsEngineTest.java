package dev.imagegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.testkit.CosignKeyPair;
import dev.imagegate.testkit.FaultProxy;
import dev.imagegate.testkit.Fixtures;
import dev.imagegate.testkit.KeySignedPodsPolicy;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import dev.imagegate.testkit.TestPods;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry faults through the real engine, with an image signed by the real cosign behind a fault
 * proxy: each fault ends in a decision with the reason, within the deadline, and failurePolicy
 * decides errors.
 */
class RegistryFaultsEngineTest {
  static final Peers PEERS = Peers.installed();
  @TempDir static Path work;
  static LocalRegistry registry;
  static FaultProxy proxy;
  static String digestRef;
  static CosignKeyPair key;

  @BeforeAll
  static void signAnImage() throws Exception {
    Prerequisites.peers("crane");
    registry = LocalRegistry.start(PEERS);
    String digest = new Fixtures(PEERS, work).pushRandomImage(registry.host(), "faults/app:v1");
    key = CosignKeyPair.generate(PEERS, work);
    key.sign(registry.host() + "/faults/app@" + digest);
    digestRef = "faults/app@" + digest;
    proxy = FaultProxy.start(registry.host());
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @AfterEach
  void clear() {
    if (proxy != null) {
      proxy.clearRules();
    }
  }

  private static PolicyEngine engine(String host, String failurePolicy) throws Exception {
    Path policy = work.resolve("policy-" + failurePolicy + ".yaml");
    Files.writeString(
        policy,
        KeySignedPodsPolicy.of("signed", "check", "*", key.publicKeyPem())
            .withFailurePolicy(failurePolicy)
            .yaml());
    OciClientConfig oci =
        OciClientConfig.defaults()
            .withInsecureRegistries(Set.of(host))
            .withOperationTimeout(Duration.ofSeconds(5));
    // A fresh engine per scenario: no verification cached from an earlier one.
    return PolicyEngines.load(List.of(policy), EngineConfig.defaults().withOci(oci));
  }

  private static Decision evaluate(PolicyEngine engine, String image, Duration deadline) {
    ObjectNode pod = TestPods.single("web", "team", "app", image);
    return engine.evaluate(
        ResourceRequest.create(pod, "team"), AdmissionPhase.BOTH, Instant.now().plus(deadline));
  }

  @Test
  void healthyProxyAdmits() throws Exception {
    try (PolicyEngine e = engine(proxy.host(), "Fail")) {
      Decision d = evaluate(e, proxy.host() + "/" + digestRef, Duration.ofSeconds(10));
      assertThat(d.allowed()).as(String.valueOf(d.denyMessage())).isTrue();
    }
  }

  @Test
  void registryDownDeniesUnderFailAndAdmitsUnderIgnore() throws Exception {
    String down;
    try (ServerSocket s = new ServerSocket(0)) {
      down = "127.0.0.1:" + s.getLocalPort(); // closed again: nothing listens there
    }
    try (PolicyEngine fail = engine(down, "Fail");
        PolicyEngine ignore = engine(down, "Ignore")) {
      Decision denied = evaluate(fail, down + "/" + digestRef, Duration.ofSeconds(10));
      assertThat(denied.allowed()).isFalse();
      assertThat(denied.results().get(0).status()).isEqualTo(RuleStatus.ERROR);
      assertThat(denied.denyMessage()).contains(down + "/" + digestRef);
      Decision admitted = evaluate(ignore, down + "/" + digestRef, Duration.ofSeconds(10));
      assertThat(admitted.allowed()).isTrue();
      assertThat(admitted.warnings()).anySatisfy(w -> assertThat(w).contains("error"));
    }
  }

  @Test
  void slowerThanTheDeadlineIsATimeoutWithinTheDeadline() throws Exception {
    proxy.rule(
        (req, up) -> req.path().contains("/manifests/") ? up.forward(req).delayed(3_000) : null);
    try (PolicyEngine e = engine(proxy.host(), "Fail")) {
      long start = System.nanoTime();
      Decision d = evaluate(e, proxy.host() + "/" + digestRef, Duration.ofMillis(800));
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(d.allowed()).isFalse();
      assertThat(d.denyMessage())
          .contains("timed out verifying " + proxy.host() + "/" + digestRef + " after");
      assertThat(tookMs).as("answered at the deadline, not after the registry").isLessThan(2_900);
    }
  }

  @Test
  void rateLimitStormIsAnErrorWithTheReason() throws Exception {
    proxy.rule((req, up) -> FaultProxy.Reply.of(429, Map.of("Retry-After", "0"), new byte[0]));
    try (PolicyEngine e = engine(proxy.host(), "Fail")) {
      Decision d = evaluate(e, proxy.host() + "/" + digestRef, Duration.ofSeconds(10));
      assertThat(d.allowed()).isFalse();
      assertThat(d.results().get(0).status()).isEqualTo(RuleStatus.ERROR);
      assertThat(d.denyMessage()).containsIgnoringCase("429");
      assertThat(e.registryErrors())
          .containsKey(dev.imagegate.oci.RegistryException.Kind.RATE_LIMITED);
    }
  }

  @Test
  void truncatedSignatureBodyIsNotAPass() throws Exception {
    proxy.rule(
        (req, up) -> {
          if (req.path().contains("/blobs/")) {
            FaultProxy.Reply real = up.forward(req);
            byte[] half = java.util.Arrays.copyOf(real.body(), Math.max(1, real.body().length / 2));
            return FaultProxy.Reply.of(
                200, Map.of("Content-Type", "application/octet-stream"), half);
          }
          return null;
        });
    try (PolicyEngine e = engine(proxy.host(), "Fail")) {
      Decision d = evaluate(e, proxy.host() + "/" + digestRef, Duration.ofSeconds(10));
      assertThat(d.allowed()).isFalse();
      assertThat(d.denyMessage()).contains("fetching blob").contains("the descriptor says");
    }
  }
}
