package dev.imagegate.cli.demo;

import dev.imagegate.peers.ServingCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * The demo webhook's serving certificate, made on the spot for 127.0.0.1 (as cert-manager would
 * issue one in a cluster), written as PEM files for {@code imagegate serve}, and an SSL context
 * that trusts exactly it (the API server's {@code caBundle}).
 */
public record DemoTls(Path certFile, Path keyFile, SSLContext clientContext) {
  public static DemoTls create(Path dir) throws Exception {
    ServingCertificate cert = ServingCertificate.issue("imagegate-demo", "EC");
    Path certFile = Files.writeString(dir.resolve("tls.crt"), cert.certificatePem());
    Path keyFile = Files.writeString(dir.resolve("tls.key"), cert.pkcs8KeyPem());
    return new DemoTls(certFile, keyFile, ServingCertificate.trusting(cert.certificate()));
  }
}
