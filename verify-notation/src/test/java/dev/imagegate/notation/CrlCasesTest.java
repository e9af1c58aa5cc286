package dev.imagegate.notation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.imagegate.notation.internal.CrlDistributionPoints;
import dev.imagegate.notation.internal.DirectoryTrustStore;
import dev.imagegate.trust.Certificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code crl-cases.json}: the CRLs are served by a loopback HTTP server; the certificates name
 * {@code http://localhost:10086/...}, which the test fetcher redirects to the server's ephemeral
 * port so parallel builds never compete for a fixed port. Other hosts (the intermediate's OCSP URL)
 * fail at once.
 */
class CrlCasesTest {
  private static HttpServer server;
  private static final Map<String, byte[]> SERVED = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = SERVED.get(exchange.getRequestURI().getPath());
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  static Stream<Arguments> chainCases() {
    return StreamSupport.stream(Vectors.json("crl-cases.json").spliterator(), false)
        .filter(c -> c.has("crlByUrl"))
        .map(c -> Arguments.of(c.get("id").asText(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chainCases")
  void chainStatus(String id, JsonNode c) throws Exception {
    SERVED.clear();
    c.get("crlByUrl")
        .fields()
        .forEachRemaining(
            e ->
                SERVED.put(URI.create(e.getKey()).getPath(), Vectors.bytes(e.getValue().asText())));
    List<X509Certificate> chain =
        Certificates.parsePem(Files.readString(Vectors.file(c.get("chain").asText())));
    RevocationChecker checker =
        RevocationChecker.online(
            RevocationOptions.defaults(Vectors.CLOCK)
                .withFetcher(new LoopbackFetcher(server.getAddress().getPort())));
    RevocationResult result = checker.check(chain, RevocationChecker.Purpose.CODE_SIGNING, null);
    assertThat(result.status().name().toLowerCase())
        .as("%s: %s", id, result)
        .isEqualTo(c.get("expect").asText());
  }

  @Test
  void verifierRejectsRevokedChainAtStrictAndLogsAtPermissive() {
    // Revocation level semantics without a signed envelope: the checker result drives the step
    // action.
    TrustPolicyStatement strict =
        new TrustPolicyStatement(
            "s",
            List.of("*"),
            VerificationLevel.STRICT,
            Map.of(),
            TrustPolicyStatement.VerifyTimestamp.ALWAYS,
            List.of(),
            List.of("*"),
            false);
    assertThat(strict.action(VerificationStep.REVOCATION)).isEqualTo(VerificationAction.ENFORCE);
    TrustPolicyStatement permissive =
        new TrustPolicyStatement(
            "p",
            List.of("*"),
            VerificationLevel.PERMISSIVE,
            Map.of(),
            TrustPolicyStatement.VerifyTimestamp.ALWAYS,
            List.of(),
            List.of("*"),
            false);
    assertThat(permissive.action(VerificationStep.REVOCATION)).isEqualTo(VerificationAction.LOG);
    TrustPolicyStatement skipped =
        new TrustPolicyStatement(
            "k",
            List.of("*"),
            VerificationLevel.STRICT,
            Map.of(VerificationStep.REVOCATION, VerificationAction.SKIP),
            TrustPolicyStatement.VerifyTimestamp.ALWAYS,
            List.of(),
            List.of("*"),
            false);
    assertThat(skipped.action(VerificationStep.REVOCATION)).isEqualTo(VerificationAction.SKIP);
  }

  @Test
  void freshestCrlParsingFixtures() throws Exception {
    String dir = "notation-core-go/revocation-crl/";
    assertThat(freshest(dir + "certificateWithDeltaCRL.cer").value()).hasSize(1);
    assertThat(freshest(dir + "certificateWith2DeltaCRL.cer").value()).hasSize(2);
    assertThat(freshest(dir + "certificateWithZeroDeltaCRLURL.cer").value()).isEmpty();
    // Its Freshest CRL extension does not parse (a non-URI name in an implicit encoding): a reason,
    // which makes the revocation check UNKNOWN, never an empty list read as "no delta CRL".
    assertThat(freshest(dir + "certificateWithNonURIDeltaCRL.cer").reason())
        .startsWith("failed to parse Freshest CRL extension");
    assertThat(freshest(dir + "certificateWithIncompleteFreshestCRL.cer").isOk()).isFalse();
    assertThat(freshest(dir + "certificateWithIncompleteFreshestCRL2.cer").isOk()).isFalse();
    X509CRL multi = crl(dir + "crlWithMultipleFreshestCRLs.crl");
    assertThat(CrlDistributionPoints.freshest(multi).value().size()).isGreaterThan(1);
    assertThat(CrlDistributionPoints.isDelta(crl(dir + "delta.crl"))).isTrue();
    assertThat(CrlDistributionPoints.isDelta(multi)).isFalse();
  }

  private static dev.imagegate.base.Result<java.util.List<java.net.URI>> freshest(String rel) {
    return CrlDistributionPoints.freshest(
        DirectoryTrustStore.readCertificates(Vectors.file(rel), "t", TrustStoreType.CA).get(0));
  }

  private static X509CRL crl(String rel) throws Exception {
    return (X509CRL)
        CertificateFactory.getInstance("X.509")
            .generateCRL(new ByteArrayInputStream(Vectors.bytes(rel)));
  }

  /**
   * Sends localhost:10086 to the test server; anything else is unreachable, like the vector's dead
   * OCSP host.
   */
  private record LoopbackFetcher(int port) implements HttpFetcher {
    private URI rewrite(URI uri) throws IOException {
      if (!"localhost".equals(uri.getHost()) || uri.getPort() != 10086) {
        throw new IOException("unreachable in tests: " + uri);
      }
      return URI.create("http://127.0.0.1:" + port + uri.getRawPath());
    }

    @Override
    public byte[] get(URI uri, Duration timeout, int maxBytes) throws IOException {
      return new dev.imagegate.notation.internal.JdkHttpFetcher()
          .get(rewrite(uri), timeout, maxBytes);
    }

    @Override
    public byte[] post(URI uri, String contentType, byte[] body, Duration timeout, int maxBytes)
        throws IOException {
      return new dev.imagegate.notation.internal.JdkHttpFetcher()
          .post(rewrite(uri), contentType, body, timeout, maxBytes);
    }
  }
}
