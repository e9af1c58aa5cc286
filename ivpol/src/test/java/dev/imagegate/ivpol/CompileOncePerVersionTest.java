package dev.imagegate.ivpol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.engine.EngineConfig;
import dev.imagegate.ivpol.internal.CompiledPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CEL compilation happens once per policy version: reloading the same policy file (a fresh parse,
 * as the webhook's policy source does on every change) and building the engine again compiles
 * nothing; changing one policy compiles that one only. Observed through the compile counter, not
 * through timing.
 */
class CompileOncePerVersionTest {
  static String policy(String name, String message) {
    return """
        apiVersion: policies.kyverno.io/v1
        kind: ImageValidatingPolicy
        metadata:
          name: %s
        spec:
          matchConstraints:
            resourceRules:
            - apiGroups: [""]
              apiVersions: [v1]
              operations: [CREATE]
              resources: [pods]
          variables:
          - name: names
            expression: "object.spec.containers.map(c, c.name)"
          validations:
          - expression: "variables.names.all(n, n != 'forbidden') && [1, 2].max() == 2"
            message: %s
        """
        .formatted(name, message);
  }

  @Test
  void theSamePolicyVersionIsCompiledOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policies.yaml");
    String a = policy("once-a-" + System.nanoTime(), "a");
    String b = policy("once-b-" + System.nanoTime(), "b");
    Files.writeString(file, a + "---\n" + b);

    long before = CompiledPolicy.compilations();
    engine(file).close();
    assertThat(CompiledPolicy.compilations() - before).isEqualTo(2);

    // The same file read again (new objects, equal values), and lint of it: no compilation.
    engine(file).close();
    IvpolLoad again = IvpolLoader.load(List.of(file));
    assertThat(IvpolLint.lint(again.policies(), again.exceptions())).isEmpty();
    assertThat(CompiledPolicy.compilations() - before).isEqualTo(2);

    // A new version of one policy: only that one is compiled.
    Files.writeString(file, a + "---\n" + b.replace("message: b", "message: b2"));
    engine(file).close();
    assertThat(CompiledPolicy.compilations() - before).isEqualTo(3);
  }

  private static IvpolEngine engine(Path file) {
    IvpolLoad load = IvpolLoader.load(List.of(file));
    assertThat(load.unsupported()).isEmpty();
    assertThat(load.policies()).hasSize(2);
    return IvpolEngine.create(
        load.policies(), load.exceptions(), EngineConfig.defaults(), true, null);
  }
}
