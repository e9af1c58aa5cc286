package dev.imagegate.ivpol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.ivpol.internal.CompiledPolicy;
import dev.imagegate.policy.LintFinding;
import dev.imagegate.policy.PolicyException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Kyverno's own ImageValidatingPolicy test policies (src/test/resources/kyverno) pass lint. */
class KyvernoPoliciesLintTest {
  static final Path ROOT = Path.of("src/test/resources/kyverno/test");

  @Test
  void everyKyvernoPolicyLoadsAndLints() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(ROOT)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    List<String> problems = new ArrayList<>();
    int policies = 0;
    long start = System.nanoTime();
    for (Path f : files) {
      try {
        IvpolLoad load = IvpolLoader.load(List.of(f));
        load.unsupported().forEach(u -> problems.add(u.toString()));
        policies += load.policies().size();
        for (LintFinding finding : IvpolLint.lint(load.policies(), load.exceptions())) {
          if (finding.severity() == LintFinding.Severity.ERROR) {
            problems.add(finding.toString());
          }
        }
      } catch (PolicyException e) {
        problems.add(e.getMessage());
      }
    }
    long cold = (System.nanoTime() - start) / 1_000_000;
    // Warm passes: load every file and compile every policy afresh (no compile cache), measured in
    // this thread's CPU time so other load on the machine counts less. Printed, not asserted:
    // docs/benchmarks.md records it.
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Long> cpuMs = new ArrayList<>();
    for (int pass = 0; pass < Integer.getInteger("imagegate.lintPasses", 5); pass++) {
      long cpuStart = threads.getCurrentThreadCpuTime();
      for (Path f : files) {
        try {
          IvpolLoad load = IvpolLoader.load(List.of(f));
          for (ImageValidatingPolicy p : load.policies()) {
            CompiledPolicy.compileUncached(p, load.exceptions());
          }
        } catch (PolicyException e) {
          // counted in the first pass
        }
      }
      cpuMs.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000);
    }
    System.out.printf(
        "KyvernoPoliciesLintTest: loaded and linted %d policies in %d ms cold; warm load+compile"
            + " passes (CPU ms): %s%n",
        policies, cold, cpuMs);
    // Kyverno's own negative case: the CRD rejects an unknown action, so does imagegate.
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("validation-checks/invalid-action/policy.yaml:8:5")
        .contains("must be Deny, Audit or Warn, not 'test'");
    assertThat(policies).isGreaterThan(40);
  }
}
