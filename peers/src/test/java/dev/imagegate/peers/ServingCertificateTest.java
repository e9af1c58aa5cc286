package dev.imagegate.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The serving certificate the demo webhook and the webhook tests present. */
class ServingCertificateTest {
  @ParameterizedTest
  @ValueSource(strings = {"EC", "RSA"})
  void namesLoopbackAndReadsBackFromPem(String algorithm) throws Exception {
    ServingCertificate c = ServingCertificate.issue("imagegate-test", algorithm);

    X509Certificate read =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        c.certificatePem().getBytes(StandardCharsets.US_ASCII)));
    assertThat(read).isEqualTo(c.certificate());
    assertThat(read.getSubjectX500Principal().getName()).isEqualTo("CN=imagegate-test");
    assertThat(read.getSubjectAlternativeNames())
        .extracting(san -> (Object) san.get(1))
        .containsExactly("localhost", "127.0.0.1");
    read.checkValidity();
    read.verify(c.keys().getPublic());
    assertThat(c.pkcs8KeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(ServingCertificate.trusting(c.certificate()).getProtocol()).isEqualTo("TLS");
  }

  @Test
  void eachIssueIsANewKey() throws Exception {
    List<ServingCertificate> two =
        List.of(ServingCertificate.issue("a", "EC"), ServingCertificate.issue("a", "EC"));
    assertThat(two.get(0).keys().getPublic()).isNotEqualTo(two.get(1).keys().getPublic());
  }
}
