package dev.imagegate.sigstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.trust.Certificates;
import dev.imagegate.trust.SignatureAlgorithm;
import dev.imagegate.trust.Signatures;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The keyless and certificate legacy cosign {@code .sig} cases, driven through the building blocks
 * the OCI glue uses: signature over the layer blob, {@link RekorSetVerifier} on the bundle
 * annotation, {@link CertificateVerifier} with the chain annotation as hints, {@link SctVerifier}.
 * Each case runs with its PEM trust and with each of its trusted roots. Payload digest and
 * annotation claims are the glue's, and no case here depends on them.
 */
class CosignLayerVectorsTest {
  /**
   * "Now" for ignoreTlog cases: after the generated 10-minute leaves expired (2025-01-01T00:10Z).
   */
  static final Clock NOW = Clock.fixed(Instant.parse("2026-09-01T00:00:00Z"), ZoneOffset.UTC);

  static Stream<Arguments> variants() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : Vectors.cases("cosign-simplesigning")) {
      String id = c.get("id").asText();
      if (!(id.startsWith("gen-ss-keyless-")
          || id.startsWith("gen-ss-cert-chain-")
          || id.startsWith("cn-keyless-"))) {
        continue;
      }
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
  @MethodSource("variants")
  void layerCase(String name, JsonNode c, String trustSource) {
    List<String> failures = verify(c, trust(c, trustSource));
    boolean expectValid = c.get("expect").asText().equals("valid");
    assertThat(failures.isEmpty())
        .as("%s expected %s; failures %s", name, c.get("expect").asText(), failures)
        .isEqualTo(expectValid);
  }

  static TrustedRoot trust(JsonNode c, String source) {
    if (!source.equals("pem")) {
      return Vectors.trustedRoot(source);
    }
    return TrustedRoot.fromLegacyPem(
        pem(c, "rootsPem"),
        pem(c, "intermediatesPem"),
        pem(c, "rekorPubKey"),
        pem(c, "ctlogPubKey"),
        null);
  }

  private static String pem(JsonNode c, String field) {
    return c.hasNonNull(field) ? Vectors.text(c.get(field).asText()) : null;
  }

  /** What the OCI glue does for one layer; returns the failures (empty when the layer verifies). */
  static List<String> verify(JsonNode c, TrustedRoot trust) {
    JsonNode layer = Vectors.JSON.valueToTree(readManifest(c).get("layers").get(0));
    JsonNode ann = layer.get("annotations");
    byte[] payload =
        c.hasNonNull("payload")
            ? Vectors.bytes(c.get("payload").asText())
            : Vectors.bytes(
                c.get("blobDir").asText()
                    + layer.get("digest").asText().substring("sha256:".length()));
    String sigB64 = ann.get("dev.cosignproject.cosign/signature").asText();
    X509Certificate leaf =
        Certificates.parsePem(ann.get("dev.sigstore.cosign/certificate").asText()).get(0);
    List<X509Certificate> hints =
        ann.hasNonNull("dev.sigstore.cosign/chain")
            ? Certificates.parsePem(ann.get("dev.sigstore.cosign/chain").asText())
            : List.of();

    if (!Signatures.verify(
        leaf.getPublicKey(),
        SignatureAlgorithm.SHA256,
        payload,
        Base64.getDecoder().decode(sigB64))) {
      return List.of("signature does not verify over the payload");
    }
    Instant signingTime;
    if (c.path("ignoreTlog").asBoolean(false)) {
      signingTime =
          NOW.instant(); // cosign: without a log entry or timestamp the certificate must be valid
      // now
    } else {
      if (!ann.hasNonNull("dev.sigstore.cosign/bundle")) {
        return List.of("no dev.sigstore.cosign/bundle annotation and the tlog is required");
      }
      Check<VerifiedLogEntry> set =
          RekorSetVerifier.verify(
              ann.get("dev.sigstore.cosign/bundle").asText(),
              sigB64,
              payload,
              new Signer.Certificate(leaf),
              trust);
      if (!set.isPassed()) {
        return set.reasons();
      }
      signingTime = set.value().integratedTime();
    }
    Check<VerifiedCertificate> cert =
        CertificateVerifier.verify(leaf, hints, trust, Vectors.identities(c), signingTime);
    if (!cert.isPassed()) {
      return cert.reasons();
    }
    if (!c.path("ignoreSCT").asBoolean(false)) {
      Check<Instant> sct = SctVerifier.verify(leaf, cert.value().issuer(), trust);
      if (!sct.isPassed()) {
        return sct.reasons();
      }
    }
    return List.of();
  }

  private static JsonNode readManifest(JsonNode c) {
    try {
      return Vectors.JSON.readTree(Vectors.bytes(c.get("signatureManifest").asText()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
