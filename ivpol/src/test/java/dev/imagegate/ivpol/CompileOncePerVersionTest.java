package dev.imagegate.ivpol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.engine.EngineConfig;
import dev.imagegate.ivpol.internal.CompiledPolicy;
import dev.imagegate.policy.LintFinding;
import dev.imagegate.testkit.IvpolYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CEL compilation happens once per policy version: reloading the same policy file (a fresh parse,
 * as the webhook's policy source does on every change) and building the engine again compiles
 * nothing; changing one policy's expressions compiles that one only. Observed through the compile
 * counter, not through timing.
 */
class CompileOncePerVersionTest {
  /** A policy whose expressions contain {@code token} (so no other test compiled them). */
  static String policy(String name, String token) {
    return IvpolYaml.forPods(
        name,
        "CREATE",
        """
          variables:
          - name: names
            expression: "object.spec.containers.map(c, c.name)"
          validations:
          - expression: "variables.names.all(n, n != '%s') && [1, 2].max() == 2"
            message: names
        """
            .formatted(token));
  }

  @Test
  void theSamePolicyVersionIsCompiledOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policies.yaml");
    String a = policy("once-a", "a-" + System.nanoTime());
    String b = policy("once-b", "b-" + System.nanoTime());
    Files.writeString(file, a + "---\n" + b);

    long before = CompiledPolicy.compilations();
    engine(file).close();
    assertThat(CompiledPolicy.compilations() - before).isEqualTo(2);

    // The same file read again (new objects, equal values), and lint of it: no compilation.
    engine(file).close();
    IvpolLoad again = IvpolLoader.load(List.of(file));
    assertThat(IvpolLint.lint(again.policies(), again.exceptions())).isEmpty();
    assertThat(CompiledPolicy.compilations() - before).isEqualTo(2);

    // The same policies written to another file (serve writes cluster policies into a directory
    // per policy-set version), and a change outside CEL (the operations): no compilation.
    Path moved = Files.createDirectory(dir.resolve("v2")).resolve("policies.yaml");
    Files.writeString(moved, a.replace("[CREATE]", "[CREATE, UPDATE]") + "---\n" + b);
    engine(moved).close();
    assertThat(CompiledPolicy.compilations() - before).isEqualTo(2);

    // A new version of one policy's expressions: only that one is compiled.
    Files.writeString(file, a + "---\n" + b.replace("[1, 2].max() == 2", "[1, 2].max() == 3"));
    engine(file).close();
    assertThat(CompiledPolicy.compilations() - before).isEqualTo(3);
  }

  @Test
  void aPolicyWithErrorsIsReportedAtItsOwnLocationEveryTime(@TempDir Path dir) throws Exception {
    String bad = policy("bad", "x").replace("[1, 2].max()", "['a'].sum()");
    Path first = dir.resolve("first.yaml");
    Path second = dir.resolve("second.yaml");
    Files.writeString(first, bad);
    Files.writeString(second, "# moved down one line\n" + bad);
    assertThat(lintErrors(first)).singleElement().asString().startsWith(first + ":16:");
    assertThat(lintErrors(second)).singleElement().asString().startsWith(second + ":17:");
  }

  private static List<LintFinding> lintErrors(Path file) {
    IvpolLoad load = IvpolLoader.load(List.of(file));
    return IvpolLint.lint(load.policies(), load.exceptions()).stream()
        .filter(f -> f.severity() == LintFinding.Severity.ERROR)
        .toList();
  }

  private static IvpolEngine engine(Path file) {
    IvpolLoad load = IvpolLoader.load(List.of(file));
    assertThat(load.unsupported()).isEmpty();
    assertThat(load.policies()).hasSize(2);
    return IvpolEngine.create(
        load.policies(), load.exceptions(), EngineConfig.defaults(), true, null);
  }
}
