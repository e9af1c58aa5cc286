package dev.imagegate.bench;

import dev.imagegate.cosign.CosignReport;
import dev.imagegate.cosign.CosignRequirements;
import dev.imagegate.cosign.CosignVerifier;
import dev.imagegate.cosign.NamedKey;
import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.trust.PublicKeys;
import dev.imagegate.trust.SignatureAlgorithm;
import dev.imagegate.verify.PhaseTimings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One complete cosign verification (discover the v3 bundle referrer and the legacy .sig, fetch,
 * parse, verify) of the shipped demo image from its OCI layout: the in-process cost of a cold
 * verification without network.
 */
public class LayoutVerificationBenchmark extends JmhSettings {
  private OciClient client;
  private CosignVerifier verifier;
  private CosignRequirements req;
  private ImageReference ref;
  private Digest digest;

  @Setup
  public void setUp() throws Exception {
    Path demo = Path.of(System.getProperty("imagegate.home", ".")).resolve("demo/cosign");
    client = OciClient.create(OciClientConfig.defaults());
    verifier = new CosignVerifier(client);
    ref = ImageReference.parse("oci-layout:" + demo.resolve("layout") + ":signed");
    digest = client.resolve(ref);
    req =
        new CosignRequirements(
            List.of(
                new NamedKey(
                    "cosign.pub", PublicKeys.parse(Files.readString(demo.resolve("cosign.pub"))))),
            SignatureAlgorithm.SHA256,
            Map.of(),
            null,
            true,
            null);
  }

  @TearDown
  public void tearDown() {
    client.close();
  }

  @Benchmark
  public boolean verifyDemoImageFromLayout() {
    CosignReport r = verifier.verify(ref, digest, req, new PhaseTimings());
    if (!r.outcome().verified()) {
      throw new IllegalStateException("demo image did not verify: " + r.outcome());
    }
    return true;
  }
}
