package dev.imagegate.bench;

import dev.imagegate.cosign.CosignPayloads;
import dev.imagegate.oci.Digest;
import dev.imagegate.trust.SignatureAlgorithm;
import dev.imagegate.trust.Signatures;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * ECDSA P-256 verification of a simple-signing-sized payload: imagegate's path (Bouncy Castle
 * lightweight API) against the JDK's SunEC provider. Elliptic-curve verification is the largest
 * in-process cost of a cold verification, which is why imagegate does not use SunEC.
 */
public class SignatureBenchmark extends JmhSettings {
  private KeyPair pair;
  private byte[] payload;
  private byte[] signature;

  @Setup
  public void setUp() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    pair = g.generateKeyPair();
    payload =
        CosignPayloads.simpleSigning(
            "registry.example/app",
            Digest.parse(
                "sha256:2b55df754263606ac1dd85461c817c93f0d988270c40ef7253fbe7f53d2eafe9"));
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(pair.getPrivate());
    s.update(payload);
    signature = s.sign();
  }

  @Benchmark
  public boolean imagegateBouncyCastleLightweight() {
    return Signatures.verify(pair.getPublic(), SignatureAlgorithm.SHA256, payload, signature);
  }

  @Benchmark
  public boolean jdkSunEc() throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initVerify(pair.getPublic());
    s.update(payload);
    return s.verify(signature);
  }
}
