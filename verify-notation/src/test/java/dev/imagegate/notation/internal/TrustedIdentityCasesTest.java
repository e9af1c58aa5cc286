package dev.imagegate.notation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.trust.Certificates;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code trusted-identity-cases.json}: x509.subject subset matching against a leaf certificate. */
class TrustedIdentityCasesTest {
  static Stream<Arguments> cases() throws Exception {
    JsonNode all =
        new ObjectMapper()
            .readTree(X509CertCasesTest.ROOT.resolve("trusted-identity-cases.json").toFile());
    return StreamSupport.stream(all.spliterator(), false)
        .map(c -> Arguments.of(c.get("id").asText(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void identityMatching(String id, JsonNode c) throws Exception {
    var leaf =
        Certificates.parsePem(
                Files.readString(X509CertCasesTest.ROOT.resolve(c.get("leafCert").asText())))
            .get(0);
    List<String> identities = new ArrayList<>();
    c.get("trustedIdentities").forEach(n -> identities.add(n.asText()));
    Optional<String> mismatch = TrustedIdentities.mismatch(identities, leaf, "test");
    assertThat(mismatch.isEmpty())
        .as("%s: %s", id, mismatch.orElse("match"))
        .isEqualTo(c.get("expect").asText().equals("match"));
  }
}
