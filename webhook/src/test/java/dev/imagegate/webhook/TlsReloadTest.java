package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegate.testkit.TestCertificates;
import dev.imagegate.webhook.internal.PemKeyMaterial;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate is replaced on disk; new connections see the new one without a restart. */
class TlsReloadTest {
  @TempDir Path dir;

  @Test
  void replacedCertificateIsServedToNewConnections() throws Exception {
    try (WebhookFixture webhook =
        new WebhookFixture(dir, new StubEngine("v1"), Duration.ofSeconds(8), FailurePolicy.FAIL)) {
      assertThat(servedCertificate(webhook, webhook.issued))
          .isEqualTo(webhook.issued.certificate());

      TestCertificates.Issued renewed = TestCertificates.issue("imagegate-renewed", "RSA");
      TestCertificates.write(
          renewed, webhook.certFile, webhook.keyFile, TestCertificates.KeyFormat.TRADITIONAL);
      assertThat(webhook.server.reloadCertificateNow()).isTrue();

      assertThat(servedCertificate(webhook, renewed)).isEqualTo(renewed.certificate());
      var metrics =
          WebhookFixture.newClient(renewed)
              .send(
                  HttpRequest.newBuilder(webhook.uri("/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body()).contains("imagegate_tls_reloads_total{result=\"success\"} 1.0");
    }
  }

  @Test
  void halfWrittenRotationKeepsTheOldCertificate() throws Exception {
    try (WebhookFixture webhook =
        new WebhookFixture(dir, new StubEngine("v1"), Duration.ofSeconds(8), FailurePolicy.FAIL)) {
      TestCertificates.Issued renewed = TestCertificates.issue("imagegate-renewed", "EC");
      // New certificate, old key: the pair does not match until the key is written too.
      Path spareKey = dir.resolve("spare.key");
      TestCertificates.write(renewed, webhook.certFile, spareKey, TestCertificates.KeyFormat.PKCS8);

      assertThat(webhook.server.reloadCertificateNow()).isFalse();
      assertThat(servedCertificate(webhook, webhook.issued))
          .isEqualTo(webhook.issued.certificate());

      Files.move(spareKey, webhook.keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertThat(webhook.server.reloadCertificateNow()).isTrue();
      assertThat(servedCertificate(webhook, renewed)).isEqualTo(renewed.certificate());
    }
  }

  @Test
  void unchangedFilesAreNotReloaded() throws Exception {
    try (WebhookFixture webhook =
        new WebhookFixture(dir, new StubEngine("v1"), Duration.ofSeconds(8), FailurePolicy.FAIL)) {
      assertThat(webhook.server.reloadCertificateNow()).isFalse();
    }
  }

  @Test
  void readsPkcs8Pkcs1AndSec1Keys() throws Exception {
    for (String algorithm : new String[] {"RSA", "EC"}) {
      for (TestCertificates.KeyFormat format : TestCertificates.KeyFormat.values()) {
        TestCertificates.Issued issued = TestCertificates.issue("k", algorithm);
        Path cert = dir.resolve(algorithm + format + ".crt");
        Path key = dir.resolve(algorithm + format + ".key");
        TestCertificates.write(issued, cert, key, format);

        PemKeyMaterial material = PemKeyMaterial.load(cert, key);

        assertThat(material.leaf()).isEqualTo(issued.certificate());
        assertThat(material.key().getAlgorithm()).isEqualTo(algorithm);
        assertThat(Files.readString(key))
            .contains(
                format == TestCertificates.KeyFormat.PKCS8
                    ? "BEGIN PRIVATE KEY"
                    : "BEGIN " + algorithm + " PRIVATE KEY");
      }
    }
  }

  @Test
  void refusesGarbage() throws Exception {
    Path cert = dir.resolve("bad.crt");
    Path key = dir.resolve("bad.key");
    Files.writeString(cert, "not a certificate");
    Files.writeString(key, "not a key");

    assertThatThrownBy(() -> PemKeyMaterial.load(cert, key))
        .isInstanceOf(PemKeyMaterial.TlsMaterialException.class)
        .hasMessageContaining("bad.crt");
  }

  /** Opens a new connection (a new client) and returns the certificate the server presented. */
  private static X509Certificate servedCertificate(
      WebhookFixture webhook, TestCertificates.Issued trusted) throws Exception {
    var client = WebhookFixture.newClient(trusted);
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(webhook.uri("/healthz")).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
  }
}
