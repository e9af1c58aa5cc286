package dev.imagegate.cosign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.sigstore.CertificateIdentity;
import dev.imagegate.sigstore.TrustedRoot;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The certificate and keyless {@code cosign-simplesigning} cases of {@code
 * testdata/sigstore/cases.json} (generated Fulcio-shaped and private-CA signatures, and the
 * connaisseur public-good keyless signature), each materialised as an OCI layout and verified end
 * to end by {@link CosignVerifier}, once with the Kyverno-style PEM trust ({@code roots}, {@code
 * rekor.pubkey}, {@code ctlog.pubkey}) and once with each trusted root of the case.
 */
class KeylessVectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * "Now" for cases without a log entry: after the generated 10-minute leaves expired
   * (2025-01-01T00:10Z).
   */
  static final Clock NOW = Clock.fixed(Instant.parse("2026-09-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : JSON.readTree(KeyVectorTest.VECTORS.resolve("cases.json").toFile())) {
      if (!c.path("kind").asText().equals("cosign-simplesigning") || c.hasNonNull("publicKey")) {
        continue;
      }
      String id = c.get("id").asText();
      if (c.hasNonNull("rootsPem")) {
        out.add(Arguments.of(id + " [pem]", c, "pem"));
      }
      for (String field : List.of("trustedRoot", "trustedRootAlternative")) {
        if (c.hasNonNull(field)) {
          out.add(Arguments.of(id + " [" + field + "]", c, c.get(field).asText()));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void expectationHolds(String name, JsonNode c, String trustSource) throws IOException {
    Path layout = tmp.resolve("layout");
    Digest image = VectorLayouts.materialise(layout, c, KeyVectorTest.VECTORS);
    CosignRequirements req =
        CosignRequirements.builder()
            .certificates(
                CertificateRequirements.keyless(
                    identities(c), c.path("ignoreSCT").asBoolean(false)))
            .annotations(VectorLayouts.stringMap(c.get("requiredAnnotations")))
            .ignoreTlog(c.path("ignoreTlog").asBoolean(false))
            .trust(trust(c, trustSource))
            .clock(NOW)
            .build();
    try (OciClient client = OciClient.create(OciClientConfig.defaults())) {
      ImageReference ref = ImageReference.parse("oci-layout:" + layout + "@" + image);
      CosignReport report = new CosignVerifier(client).verify(ref, image, req, new PhaseTimings());
      boolean expectValid = c.get("expect").asText().equals("valid");
      assertThat(report.outcome().verified())
          .as(
              name
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

  static TrustedRoot trust(JsonNode c, String source) throws IOException {
    if (!source.equals("pem")) {
      return TrustedRoot.parse(Files.readAllBytes(KeyVectorTest.VECTORS.resolve(source)));
    }
    // Kyverno keyless: roots, rekor.pubkey, ctlog.pubkey; intermediates come from the chain
    // annotation.
    return CosignTrust.compose(
        CosignTrust.publicGood(),
        pem(c, "rootsPem"),
        pem(c, "rekorPubKey"),
        pem(c, "ctlogPubKey"),
        null);
  }

  private static String pem(JsonNode c, String field) throws IOException {
    return c.hasNonNull(field)
        ? Files.readString(KeyVectorTest.VECTORS.resolve(c.get(field).asText()))
        : null;
  }

  static List<CertificateIdentity> identities(JsonNode c) {
    JsonNode id = c.get("identity");
    if (id == null || id.isNull()) {
      return List.of();
    }
    Map<String, String> ext = new TreeMap<>(VectorLayouts.stringMap(c.get("requiredExtensions")));
    return List.of(
        new CertificateIdentity(
            text(id, "subject"),
            text(id, "subjectRegExp"),
            text(id, "issuer"),
            text(id, "issuerRegExp"),
            ext,
            CertificateIdentity.MatchMode.EXACT));
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }
}
