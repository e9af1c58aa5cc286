package dev.imagegate.cosign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.oci.OciEvent;
import dev.imagegate.testkit.CosignKeyPair;
import dev.imagegate.testkit.Fixtures;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import dev.imagegate.trust.PublicKeys;
import dev.imagegate.trust.SignatureAlgorithm;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Legacy signatures made by the real cosign in a real registry: cosign's own payload is predicted,
 * so no blob is fetched, and the prediction changes no verdict (a wrong key is still refused); a
 * payload cosign wrote with annotations is not predictable and is fetched, as before.
 */
class PredictedPayloadVerificationTest {
  @TempDir static Path work;
  static LocalRegistry registry;
  static CosignKeyPair alice;
  static CosignKeyPair bob;
  static String plain;
  static String annotated;

  @BeforeAll
  static void signImages() {
    Peers peers = Prerequisites.peers("crane", "cosign2");
    registry = LocalRegistry.start(peers);
    Fixtures fixtures = new Fixtures(peers, work);
    alice = CosignKeyPair.generate(peers, work, "alice");
    bob = CosignKeyPair.generate(peers, work, "bob");
    plain =
        registry.host()
            + "/predicted/app@"
            + fixtures.pushRandomImage(registry.host(), "predicted/app:plain");
    alice.sign(plain);
    annotated =
        registry.host()
            + "/predicted/app@"
            + fixtures.pushRandomImage(registry.host(), "predicted/app:annotated");
    alice.signAnnotated(annotated, "team", "web");
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  /** The verification's outcome and how many blobs it fetched. */
  private record Run(Outcome outcome, int blobsFetched) {}

  private static Run verify(String ref, CosignKeyPair key, Map<String, String> annotations) {
    AtomicInteger blobs = new AtomicInteger();
    OciClientConfig config =
        OciClientConfig.defaults().withInsecureRegistries(Set.of(registry.host()));
    try (OciClient client =
        OciClient.create(
            config,
            event -> {
              if (event.operation() == OciEvent.Operation.BLOB) {
                blobs.incrementAndGet();
              }
            })) {
      ImageReference image = ImageReference.parse(ref);
      Digest digest = client.resolve(image);
      CosignRequirements req =
          new CosignRequirements(
              List.of(new NamedKey("key", PublicKeys.parse(key.publicKeyPem()))),
              SignatureAlgorithm.SHA256,
              annotations,
              null,
              true,
              null);
      CosignReport report =
          new CosignVerifier(client).verify(image, digest, req, new PhaseTimings());
      return new Run(report.outcome(), blobs.get());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void cosignsOwnPayloadIsNotFetched() {
    Run run = verify(plain, alice, Map.of());
    assertThat(run.outcome().verified()).as(String.valueOf(run.outcome())).isTrue();
    assertThat(run.blobsFetched()).isZero();
  }

  @Test
  void aPredictedPayloadStillNeedsTheSignature() {
    Run run = verify(plain, bob, Map.of());
    assertThat(run.outcome()).isInstanceOf(Outcome.Denied.class);
    assertThat(run.blobsFetched()).isZero();
  }

  @Test
  void anAnnotatedPayloadIsFetchedAndItsClaimsChecked() {
    Run run = verify(annotated, alice, Map.of("team", "web"));
    assertThat(run.outcome().verified()).as(String.valueOf(run.outcome())).isTrue();
    assertThat(run.blobsFetched()).isEqualTo(1);
    Run wrongTeam = verify(annotated, alice, Map.of("team", "db"));
    assertThat(wrongTeam.outcome()).isInstanceOf(Outcome.Denied.class);
  }
}
