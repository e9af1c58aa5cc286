package dev.imagegate.notation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.testkit.TestData;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code x509-cert-cases.json}: chain, leaf and CA rules for code-signing and timestamping
 * certificates.
 */
class X509CertCasesTest {
  static final Path ROOT = TestData.corpus("notary");
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
  private static final Pattern CA_CHECK =
      Pattern.compile("(codeSigning|timestamping)CA\\(expectedPathLen=(\\d+)\\)");

  static Stream<Arguments> cases() throws Exception {
    JsonNode all = new ObjectMapper().readTree(ROOT.resolve("x509-cert-cases.json").toFile());
    return StreamSupport.stream(all.spliterator(), false)
        .map(c -> Arguments.of(c.get("id").asText(), c));
  }

  @Test
  void thereAre42Cases() throws Exception {
    assertThat(new ObjectMapper().readTree(ROOT.resolve("x509-cert-cases.json").toFile()).size())
        .isEqualTo(42);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ruleOutcome(String id, JsonNode c) throws Exception {
    List<X509Certificate> certs = new ArrayList<>();
    for (JsonNode p : c.get("certs")) {
      certs.addAll(
          DirectoryTrustStore.readCertificates(
              ROOT.resolve(p.asText()), "test", dev.imagegate.notation.TrustStoreType.CA));
    }
    String check = c.get("check").asText();
    JsonNode st = c.get("signingTime");
    Instant signingTime =
        st == null || st.isNull()
            ? null
            : st.asText().equals("now") ? NOW : Instant.parse(st.asText());
    Optional<String> problem;
    Matcher ca = CA_CHECK.matcher(check);
    if (check.equals("codeSigningChain")) {
      problem =
          CertificateRules.validateChain(certs, CertificateRules.Purpose.CODE_SIGNING, signingTime);
    } else if (check.equals("timestampingChain")) {
      problem =
          CertificateRules.validateChain(certs, CertificateRules.Purpose.TIMESTAMPING, signingTime);
    } else if (check.equals("codeSigningLeaf")) {
      problem = CertificateRules.validateLeaf(certs.get(0), CertificateRules.Purpose.CODE_SIGNING);
    } else if (check.equals("timestampingLeaf")) {
      problem = CertificateRules.validateLeaf(certs.get(0), CertificateRules.Purpose.TIMESTAMPING);
    } else if (ca.matches()) {
      CertificateRules.Purpose purpose =
          ca.group(1).equals("codeSigning")
              ? CertificateRules.Purpose.CODE_SIGNING
              : CertificateRules.Purpose.TIMESTAMPING;
      problem = CertificateRules.validateCa(certs.get(0), Integer.parseInt(ca.group(2)), purpose);
    } else {
      throw new IllegalArgumentException("unknown check " + check);
    }
    boolean expectValid = c.get("expect").asText().equals("valid");
    assertThat(problem.isEmpty())
        .as("%s: %s (upstream: %s)", id, problem.orElse("valid"), c.get("expectedError"))
        .isEqualTo(expectValid);
  }
}
