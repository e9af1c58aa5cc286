package dev.imagegate.cosign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.sigstore.TrustedRoot;
import dev.imagegate.trust.PublicKeys;
import dev.imagegate.verify.PhaseTimings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled trusted root is parsed only when a check needs it (issue 15): a verification with a
 * public key that ignores the transparency log never resolves its {@link TrustSource}, while a
 * keyless verification resolves it and is checked against it (vectors of {@code
 * testdata/sigstore/cases.json}, verified end to end from an OCI layout).
 */
class LazyTrustTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void keyOnlyVerificationWithoutTheLogNeverResolvesTheRoot() throws IOException {
    JsonNode c = vectorCase("cn-alice-valid");
    assertThat(c.get("ignoreTlog").asBoolean()).isTrue();
    AtomicInteger resolutions = new AtomicInteger();
    TrustSource bundled = counting(resolutions);
    NamedKey key =
        new NamedKey(
            "alice",
            PublicKeys.parse(
                Files.readString(KeyVectorTest.VECTORS.resolve(c.get("publicKey").asText()))));
    CosignRequirements req =
        CosignRequirements.builder().keys(List.of(key)).ignoreTlog(true).trust(bundled).build();

    assertThat(verify(c, req)).isTrue();
    assertThat(resolutions).hasValue(0);
    assertThat(bundled.resolved()).isFalse();
  }

  @Test
  void keylessVerificationResolvesAndUsesTheBundledRoot() throws IOException {
    // A public-good keyless signature: its Fulcio chain, CT log and Rekor keys are in the bundled
    // root (testdata's copy of it is identical).
    JsonNode c = vectorCase("cn-keyless-valid");
    AtomicInteger resolutions = new AtomicInteger();
    TrustSource bundled = counting(resolutions);
    CosignRequirements req =
        CosignRequirements.builder()
            .certificates(CertificateRequirements.keyless(KeylessVectorTest.identities(c), false))
            .trust(bundled)
            .build();

    assertThat(verify(c, req)).isTrue();
    assertThat(resolutions).hasValue(1);
    assertThat(bundled.get()).isSameAs(CosignTrust.publicGood());
  }

  @Test
  void keylessVerificationIsCheckedAgainstTheResolvedRoot() throws IOException {
    // The same signature with a lazily resolved root that trusts nothing: denied, so the lazy root
    // is what the checks use.
    JsonNode c = vectorCase("cn-keyless-valid");
    CosignRequirements req =
        CosignRequirements.builder()
            .certificates(CertificateRequirements.keyless(KeylessVectorTest.identities(c), false))
            .trust(
                TrustSource.lazily(
                    () -> new TrustedRoot(List.of(), List.of(), List.of(), List.of())))
            .build();

    assertThat(verify(c, req)).isFalse();
  }

  @Test
  void requirementsDefaultToTheBundledRootUnresolved() {
    CosignRequirements req =
        CosignRequirements.builder()
            .certificates(CertificateRequirements.keyless(List.of(), false))
            .build();

    assertThat(req.trustSource().resolved()).isFalse();
    assertThat(req.trust()).isSameAs(CosignTrust.publicGood());
    assertThat(req.trustSource().resolved()).isTrue();
  }

  private static TrustSource counting(AtomicInteger resolutions) {
    return TrustSource.lazily(
        () -> {
          resolutions.incrementAndGet();
          return CosignTrust.publicGood();
        });
  }

  private boolean verify(JsonNode c, CosignRequirements req) throws IOException {
    Path layout = tmp.resolve("layout");
    Digest image = VectorLayouts.materialise(layout, c, KeyVectorTest.VECTORS);
    try (OciClient client = OciClient.create(OciClientConfig.defaults())) {
      ImageReference ref = ImageReference.parse("oci-layout:" + layout + "@" + image);
      CosignReport report = new CosignVerifier(client).verify(ref, image, req, new PhaseTimings());
      return report.outcome().verified();
    }
  }

  private static JsonNode vectorCase(String id) throws IOException {
    for (JsonNode c : JSON.readTree(KeyVectorTest.VECTORS.resolve("cases.json").toFile())) {
      if (c.get("id").asText().equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no vector case " + id);
  }
}
