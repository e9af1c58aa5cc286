package dev.imagegate.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Kyverno policies are YAML from policy authors (files, ConfigMaps, the cluster): any text loads or
 * is refused with {@link PolicyException} naming the place, never another exception; loaded
 * policies lint without exceptions.
 */
class PolicyLoaderFuzzTest {
  @FuzzTest
  void policyYaml(byte[] input) {
    LoadResult loaded;
    try {
      loaded = PolicyLoader.parse(new String(input, StandardCharsets.UTF_8), "fuzz.yaml");
    } catch (PolicyException expected) {
      return;
    }
    for (Policy p : loaded.policies()) {
      PolicyLinter.lint(p);
    }
  }
}
