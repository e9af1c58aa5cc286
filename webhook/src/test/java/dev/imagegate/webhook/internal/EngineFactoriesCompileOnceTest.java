package dev.imagegate.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.ivpol.IvpolEngine;
import dev.imagegate.ivpol.ResourceLookup;
import dev.imagegate.testkit.IvpolYaml;
import dev.imagegate.webhook.EngineSettings;
import dev.imagegate.webhook.PolicyDocument;
import dev.imagegate.webhook.PolicySet;
import dev.imagegate.webhook.PullSecretResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook's policy source path: every change of the policy set builds a new engine from
 * documents materialized into a directory per set version. A policy whose version did not change is
 * not compiled again; only the changed one is. Observed through the compile counter.
 */
class EngineFactoriesCompileOnceTest {
  static String policy(String name, String token) {
    return IvpolYaml.forPods(
        name,
        "CREATE",
        """
          validations:
          - expression: "object.spec.containers.all(c, c.name != '%s')"
            message: forbidden name
        """
            .formatted(token));
  }

  @Test
  void anUnchangedPolicyIsNotCompiledAgainWhenTheSetChanges(@TempDir Path work) throws Exception {
    String a = policy("a", "a-" + System.nanoTime());
    String b = policy("b", "b-" + System.nanoTime());
    long before = IvpolEngine.celCompilations();
    engine(work, "v1", a, b).close();
    assertThat(IvpolEngine.celCompilations() - before).isEqualTo(2);

    // The set changes (policy b's expression): a new version directory, a new engine; only b
    // is compiled.
    engine(work, "v2", a, b.replace("forbidden name", "x").replace("!= '", "!= 'x")).close();
    assertThat(IvpolEngine.celCompilations() - before).isEqualTo(3);

    // Back to the first set (another version directory again): nothing is compiled.
    engine(work, "v3", a, b).close();
    assertThat(IvpolEngine.celCompilations() - before).isEqualTo(3);
  }

  private static PolicyEngine engine(Path work, String version, String... documents)
      throws Exception {
    List<PolicyDocument> docs =
        java.util.stream.IntStream.range(0, documents.length)
            .mapToObj(i -> new PolicyDocument("cluster/policy-" + i, null, documents[i]))
            .toList();
    return EngineFactories.real()
        .create(
            new PolicySet(version, docs, Map.of()),
            new EngineSettings(
                List.of(),
                null,
                PullSecretResolver.none(),
                Duration.ofSeconds(20),
                Files.createDirectories(work.resolve("engine")),
                ResourceLookup.none()));
  }
}
