package dev.imagegate.ivpol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.EngineConfig;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.engine.RuleResult;
import dev.imagegate.engine.RuleStatus;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The engine reads every time from {@code EngineConfig.clock()}: the request deadline and a
 * policy's {@code webhookConfiguration.timeoutSeconds} pass when that clock says so, whatever the
 * system clock says. No registry is needed: the image names a port nothing listens on, and with the
 * deadline passed the engine never even tries it (its registry client refuses, "cancelled").
 */
class InjectedClockTest {
  static final String IMAGE = "127.0.0.1:1/app@sha256:" + "ab".repeat(32);

  @Test
  void aRequestDeadlinePassedOnTheInjectedClockCancelsRegistryWork() throws Exception {
    // The system clock has a minute left; the engine's clock is a day past the deadline.
    Instant deadline = Instant.now().plusSeconds(60);
    Clock dayLater = Clock.fixed(deadline.plus(Duration.ofDays(1)), ZoneOffset.UTC);
    try (IvpolEngine e = engine(dayLater, "")) {
      Decision d = e.evaluate(request(), AdmissionPhase.VALIDATE, deadline);
      assertThat(d.denyMessage()).isEqualTo("Policy clocked failed: unsigned");
      // The explanation says why: the registry client refused before connecting anywhere (on
      // the system clock, the attempt would have reached the closed port instead).
      assertThat(d.results().get(0).images())
          .filteredOn(c -> RuleResult.ImageCheck.STEP.equals(c.message()))
          .extracting(RuleResult.ImageCheck::image)
          .anySatisfy(
              step ->
                  assertThat(step).contains("cancelled (nobody waits for the answer any more)"));
    }
  }

  @Test
  void timeoutSecondsPassesOnTheInjectedClockAndAppliesTheFailurePolicy() throws Exception {
    String timeout = "  webhookConfiguration:\n    timeoutSeconds: 5\n";
    // Each read of this clock is 10 s after the one before: the policy's 5 s are over at the
    // first read after its deadline was set, while the request's own deadline is a day away.
    SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));
    Instant deadline = clock.start.plus(Duration.ofDays(1));
    try (IvpolEngine e = engine(clock, timeout + "  failurePolicy: Fail\n")) {
      Decision d = e.evaluate(request(), AdmissionPhase.VALIDATE, deadline);
      assertThat(d.denyMessage())
          .isEqualTo(
              "Policy clocked error: policy evaluation exceeded"
                  + " webhookConfiguration.timeoutSeconds (5s)");
    }
    try (IvpolEngine e = engine(clock, timeout + "  failurePolicy: Ignore\n")) {
      Decision d = e.evaluate(request(), AdmissionPhase.VALIDATE, deadline);
      assertThat(d.allowed()).as(d.toString()).isTrue();
      assertThat(d.results()).extracting(r -> r.status()).containsExactly(RuleStatus.SKIP);
      assertThat(d.results().get(0).message()).endsWith("(5s) (failurePolicy Ignore)");
    }
  }

  static IvpolEngine engine(Clock clock, String extraSpec) throws Exception {
    // The pod policy and key attestor of IvpolFeaturesTest, with a key of its own.
    String policy =
        IvpolFeaturesTest.podPolicy(
            "clocked",
            extraSpec
                + dev.imagegate.testkit.IvpolYaml.cosignKeyAttestor(publicKeyPem())
                + "\n"
                + "  validations:\n"
                + "  - expression: images.containers.all(i,"
                + " verifyImageSignatures(i, [attestors.cosign]) > 0)\n"
                + "    message: unsigned\n");
    IvpolLoad load = IvpolLoader.parse(policy, "clocked.yaml");
    assertThat(load.unsupported()).isEmpty();
    return IvpolEngine.create(
        load.policies(), EngineConfig.defaults().withClock(clock), false, null);
  }

  static ResourceRequest request() {
    ObjectNode pod =
        new ObjectMapper().createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    pod.putObject("metadata").put("name", "p").put("namespace", "default");
    pod.putObject("spec").putArray("containers").addObject().put("name", "c").put("image", IMAGE);
    return ResourceRequest.create(pod, "default");
  }

  /** A fresh P-256 public key as PEM. */
  static String publicKeyPem() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(g.generateKeyPair().getPublic().getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  /** A clock that moves only when read, by 10 s at each read. */
  static final class SteppingClock extends Clock {
    final Instant start;
    private final AtomicLong reads = new AtomicLong();

    SteppingClock(Instant start) {
      this.start = start;
    }

    @Override
    public Instant instant() {
      return start.plus(Duration.ofSeconds(10).multipliedBy(reads.getAndIncrement()));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
