package dev.imagegate.cosign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.testkit.TestData;
import dev.imagegate.trust.PublicKeys;
import dev.imagegate.trust.SignatureAlgorithm;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The key-based cases of {@code testdata/sigstore/cases.json} (kinds cosign-simplesigning and dsse
 * with a publicKey), each materialised as an OCI layout and verified end to end; every expectation
 * must hold.
 */
class KeyVectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Path VECTORS = TestData.corpus("sigstore");

  @TempDir Path tmp;

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : JSON.readTree(VECTORS.resolve("cases.json").toFile())) {
      String kind = c.path("kind").asText();
      if ((kind.equals("cosign-simplesigning") || kind.equals("dsse"))
          && c.hasNonNull("publicKey")) {
        out.add(Arguments.of(c.get("id").asText(), c));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void expectationHolds(String id, JsonNode c) throws IOException {
    Path layout = tmp.resolve("layout");
    VectorLayouts l = new VectorLayouts(layout);
    Digest image =
        l.manifest(Files.readAllBytes(VECTORS.resolve(c.get("image").asText())), "image");
    assertThat(image.toString()).isEqualTo(c.get("imageDigest").asText());
    boolean attestation = c.get("kind").asText().equals("dsse");
    String manifestField = attestation ? "attestationManifest" : "signatureManifest";
    if (c.hasNonNull(manifestField)) {
      l.manifest(
          Files.readAllBytes(VECTORS.resolve(c.get(manifestField).asText())),
          c.get(attestation ? "attestationTag" : "signatureTag").asText());
      if (c.hasNonNull("blobDir")) {
        l.copyBlobs(VECTORS.resolve(c.get("blobDir").asText()));
      } else {
        l.blob(
            Files.readAllBytes(
                VECTORS.resolve(c.get(attestation ? "envelope" : "payload").asText())));
      }
    }
    l.write();
    NamedKey key =
        new NamedKey(
            c.get("publicKey").asText(),
            PublicKeys.parse(Files.readString(VECTORS.resolve(c.get("publicKey").asText()))));
    String predicateType =
        attestation ? c.path("predicateType").asText(CosignRequirements.ANY_PREDICATE) : null;
    CosignRequirements req =
        new CosignRequirements(
            List.of(key),
            SignatureAlgorithm.SHA256,
            VectorLayouts.stringMap(c.get("requiredAnnotations")),
            null,
            c.path("ignoreTlog").asBoolean(false),
            predicateType);
    try (OciClient client = OciClient.create(OciClientConfig.defaults())) {
      ImageReference ref = ImageReference.parse("oci-layout:" + layout + "@" + image);
      CosignReport report = new CosignVerifier(client).verify(ref, image, req, new PhaseTimings());
      boolean expectValid = c.get("expect").asText().equals("valid");
      assertThat(report.outcome().verified())
          .as(
              id
                  + " ("
                  + c.path("reason").asText()
                  + "): "
                  + report.outcome()
                  + " "
                  + report.findings())
          .isEqualTo(expectValid);
      if (!expectValid) {
        assertThat(report.outcome()).isInstanceOf(Outcome.Denied.class);
      }
    }
  }
}
