package dev.imagegate.cosign.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.cosign.CosignPayloads;
import dev.imagegate.oci.Descriptor;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.RepositoryName;
import dev.imagegate.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The predicted payload is byte for byte what cosign writes: checked against a payload cosign
 * produced upstream (the connaisseur vectors, a Docker Hub image), and refused whenever the layer
 * does not commit to exactly those bytes.
 */
class PredictedPayloadTest {
  private static final Path VECTORS = TestData.corpus("sigstore").resolve("connaisseur/testimage");
  private static final Digest IMAGE =
      Digest.parse("sha256:071bf7a986f1ca9cb2a1f0bc8392822a7777f90d58f2d2c6f271913e08de7c81");
  private static final RepositoryName HUB =
      new RepositoryName("docker.io", "securesystemsengineering/testimage");

  private static byte[] upstreamPayload() throws Exception {
    return Files.readAllBytes(
        VECTORS.resolve(
            "blobs/sha256/d8ee807d96efe7441b132967ad94eaffbc0172a763e69f2cd8df8f583f0ba0d4"));
  }

  @Test
  void reproducesCosignsPayloadForADockerHubImage() throws Exception {
    byte[] upstream = upstreamPayload();
    assertThat(new String(CosignPayloads.simpleSigning(CosignPayloads.dockerReference(HUB), IMAGE)))
        .isEqualTo(new String(upstream));
    Descriptor layer = layer(upstream);
    assertThat(PredictedPayload.match(layer, HUB, IMAGE))
        .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(upstream));
  }

  @Test
  void otherRegistriesKeepTheirName() {
    assertThat(CosignPayloads.dockerReference(new RepositoryName("127.0.0.1:5000", "a/b")))
        .isEqualTo("127.0.0.1:5000/a/b");
    assertThat(CosignPayloads.dockerReference(new RepositoryName("ghcr.io", "org/app")))
        .isEqualTo("ghcr.io/org/app");
  }

  @Test
  void aLayerCommittingToOtherBytesIsFetched() throws Exception {
    byte[] upstream = upstreamPayload();
    Descriptor layer = layer(upstream);
    // Another image, another repository, a size or digest that does not fit: no prediction.
    Digest other = Digest.sha256("other".getBytes());
    assertThat(PredictedPayload.match(layer, HUB, other)).isEmpty();
    assertThat(PredictedPayload.match(layer, new RepositoryName("ghcr.io", "x/y"), IMAGE))
        .isEmpty();
    Descriptor wrongSize = new Descriptor(layer.mediaType(), layer.digest(), layer.size() + 1);
    assertThat(PredictedPayload.match(wrongSize, HUB, IMAGE)).isEmpty();
    Descriptor wrongDigest =
        new Descriptor(layer.mediaType(), Digest.sha256("x".getBytes()), layer.size());
    assertThat(PredictedPayload.match(wrongDigest, HUB, IMAGE)).isEmpty();
  }

  @Test
  void anImageLayoutIsReadNotPredicted() throws Exception {
    byte[] upstream = upstreamPayload();
    assertThat(
            PredictedPayload.match(
                layer(upstream), RepositoryName.layout(Path.of("layout")), IMAGE))
        .isEmpty();
  }

  private static Descriptor layer(byte[] payload) {
    return new Descriptor(
        "application/vnd.dev.cosign.simplesigning.v1+json", Digest.sha256(payload), payload.length);
  }
}
