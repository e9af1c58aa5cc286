package dev.imagegate.notation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.base.Result;
import dev.imagegate.notation.TrustStoreType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code timestamp-token-cases.json}: RFC 3161 token parsing, TSTInfo, signer location and CMS
 * verification.
 */
class TimestampTokenCasesTest {
  /** Upstream TestVerify runs at the current time; the GlobalSign chain is valid until 2029. */
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  private static final Instant CMS_TIME = Instant.parse("2024-01-09T00:00:00Z");

  static Stream<Arguments> cases() throws Exception {
    JsonNode all =
        new ObjectMapper()
            .readTree(X509CertCasesTest.ROOT.resolve("timestamp-token-cases.json").toFile());
    return StreamSupport.stream(all.spliterator(), false)
        .map(c -> Arguments.of(c.get("id").asText(), c));
  }

  @Test
  void thereAre36Cases() throws Exception {
    assertThat(
            new ObjectMapper()
                .readTree(X509CertCasesTest.ROOT.resolve("timestamp-token-cases.json").toFile())
                .size())
        .isEqualTo(36);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void tokenOutcome(String id, JsonNode c) throws Exception {
    String problem = evaluate(c);
    assertThat(problem == null)
        .as(
            "%s: %s (upstream: %s)",
            id, problem == null ? "valid" : problem, c.get("expectedError"))
        .isEqualTo(c.get("expect").asText().equals("valid"));
  }

  @Test
  void validTokenInfoMatchesUpstream() throws Exception {
    TimestampToken token =
        TimestampToken.parse(bytes("tspclient-go/testdata/TimeStampToken.p7s")).value();
    Result<TimestampToken.Info> decoded = token.info("notation".getBytes(StandardCharsets.UTF_8));
    assertThat(decoded.isOk()).isTrue();
    TimestampToken.Info info = decoded.value();
    assertThat(info.genTime()).isEqualTo(Instant.parse("2021-09-17T14:09:10Z"));
    assertThat(info.accuracy()).isEqualTo(Duration.ofSeconds(1));
    assertThat(info.hashAlgorithm()).isEqualTo("SHA-256");
    assertThat(info.policy()).isEqualTo("1.3.6.1.4.1.4146.2.3");
  }

  private static String errorOf(Result<?> r) {
    return r.isOk() ? null : r.reason();
  }

  private static String evaluate(JsonNode c) throws Exception {
    Result<TimestampToken> parse = TimestampToken.parse(bytes(c.get("token").asText()));
    if (!parse.isOk()) {
      return parse.reason();
    }
    TimestampToken token = parse.value();
    String op = c.get("op").asText();
    if (op.startsWith("TSTInfo.Validate(message=b\"")) {
      String message = op.substring("TSTInfo.Validate(message=b\"".length(), op.lastIndexOf('"'));
      return errorOf(token.info(message.getBytes(StandardCharsets.UTF_8)));
    }
    if (op.equals("TSTInfo.Validate") || op.equals("SignedToken.Info")) {
      return errorOf(token.info(null));
    }
    if (op.equals("ParseSignedToken")) {
      return null;
    }
    if (op.equals("SignedToken.SigningCertificate")) {
      SignerInformation signer = token.signedData().getSignerInfos().getSigners().iterator().next();
      return errorOf(token.signingCertificate(signer));
    }
    if (op.startsWith("SignedToken.Verify")) {
      return errorOf(token.verify(roots(c), NOW));
    }
    if (op.startsWith("cms Verify at CurrentTime 2022-01-01")) {
      return errorOf(token.verifyAsCms(roots(c), Instant.parse("2022-01-01T00:00:00Z"), true));
    }
    if (op.startsWith("cms ")) {
      List<X509Certificate> embedded = token.certificates();
      List<X509Certificate> roots =
          embedded.isEmpty() ? List.of() : List.of(embedded.get(embedded.size() - 1));
      // verifySignedAttributes cases test the attribute rules alone (upstream calls that function
      // directly)
      return errorOf(
          token.verifyAsCms(roots, CMS_TIME, !op.startsWith("cms verifySignedAttributes")));
    }
    throw new IllegalArgumentException("unknown op " + op);
  }

  private static List<X509Certificate> roots(JsonNode c) {
    List<X509Certificate> roots = new ArrayList<>();
    for (JsonNode r : c.get("roots")) {
      roots.addAll(
          DirectoryTrustStore.readCertificates(
              X509CertCasesTest.ROOT.resolve(r.asText()), "roots", TrustStoreType.TSA));
    }
    return roots;
  }

  private static byte[] bytes(String rel) throws Exception {
    return Files.readAllBytes(X509CertCasesTest.ROOT.resolve(rel));
  }
}
