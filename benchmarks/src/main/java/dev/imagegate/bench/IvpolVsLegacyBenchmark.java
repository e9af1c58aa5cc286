package dev.imagegate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.EngineConfig;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.PolicyEngines;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.ivpol.IvpolEngine;
import dev.imagegate.ivpol.IvpolLoader;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.policy.PolicyLoader;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The warm admission path of one Pod with one signed image (verification cached), evaluated by the
 * legacy engine with a ClusterPolicy and by the ivpol engine with the equivalent
 * ImageValidatingPolicy (both from {@link LoadPolicy}, as in bin/bench-webhook): the cost of the
 * policy machinery (matching, CEL, cache lookup) around the same cached cosign verification. Issue
 * #13's goal: ivpol at most 1.2x the legacy path.
 */
public class IvpolVsLegacyBenchmark extends JmhSettings {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LocalRegistry registry;
  private PolicyEngine legacy;
  private PolicyEngine ivpol;
  private ResourceRequest request;

  @Setup
  public void setUp() throws Exception {
    registry = LocalRegistry.start(Peers.installed());
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = g.generateKeyPair();
    SignedImageFactory factory = new SignedImageFactory(registry.host(), key, "bench/app");
    String tagged = factory.pushSigned("bench/app", "v1", 1);
    EngineConfig config =
        EngineConfig.defaults()
            .withOci(OciClientConfig.defaults().withInsecureRegistries(Set.of(registry.host())));
    String image;
    try (OciClient client = OciClient.create(config.oci())) {
      image = tagged + "@" + client.resolve(ImageReference.parse(tagged));
    }
    legacy =
        PolicyEngines.create(
            PolicyLoader.parse(LoadPolicy.yaml(key.getPublic()), "legacy.yaml"), List.of(), config);
    ivpol =
        IvpolEngine.create(
            IvpolLoader.parse(LoadPolicy.ivpolYaml(key.getPublic()), "ivpol.yaml").policies(),
            config,
            true,
            null);
    ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    pod.putObject("metadata").put("name", "p").put("namespace", "default");
    pod.putObject("spec").putArray("containers").addObject().put("name", "c").put("image", image);
    request = ResourceRequest.create(pod, "default");
    // Warm both caches with one verification each; a denial here means the two are not
    // equivalent, and the benchmark must not run.
    for (PolicyEngine e : List.of(legacy, ivpol)) {
      Decision d = evaluate(e);
      if (!d.allowed() || d.results().isEmpty()) {
        throw new IllegalStateException("not allowed by " + e.policyVersion() + ": " + d);
      }
    }
  }

  private Decision evaluate(PolicyEngine e) {
    return e.evaluate(request, AdmissionPhase.VALIDATE, Instant.now().plusSeconds(10));
  }

  @Benchmark
  public Decision legacyClusterPolicy() {
    return evaluate(legacy);
  }

  @Benchmark
  public Decision imageValidatingPolicy() {
    return evaluate(ivpol);
  }

  @TearDown
  public void tearDown() {
    legacy.close();
    ivpol.close();
    registry.close();
  }
}
