package dev.imagegate.ivpol.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.ivpol.IvpolLint;
import dev.imagegate.ivpol.IvpolLoad;
import dev.imagegate.ivpol.IvpolLoader;
import dev.imagegate.policy.LintFinding;
import dev.imagegate.policy.LoadResult;
import dev.imagegate.policy.Policy;
import dev.imagegate.policy.PolicyException;
import dev.imagegate.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every legacy verifyImages policy in the repository (Kyverno's own test policies, the seed
 * documents' policies, the apply scenarios, the demo) converts, and every written document loads
 * and lints clean through the ImageValidatingPolicy loader: the round trip. Gaps are reported only
 * for the constructs docs/convert.md lists as not converting.
 */
class ConvertRoundTripTest {
  private static final Path REPO = Path.of(System.getProperty("imagegate.root", ".."));
  private static final List<Path> CORPORA =
      List.of(
          REPO.resolve("policy/src/test/resources/kyverno"),
          REPO.resolve("policy/src/test/resources/seeds"),
          REPO.resolve("cli/src/test/resources/apply"),
          REPO.resolve("demo/policies"));

  private static final String KYVERNO =
      "policy/src/test/resources/kyverno/test/conformance/chainsaw/verify-images/clusterpolicy/standard/";

  /**
   * File (relative to the repository) -> the start of each gap reason expected there: exactly the
   * constructs docs/convert.md lists as not converting.
   */
  static final Map<String, List<String>> EXPECTED_GAPS =
      Map.of(
          "policy/src/test/resources/kyverno/test/cli/test/images/verify-signature/policies.yaml",
          List.of(
              "kind DataVolume: its API group is unknown",
              "imageExtractors.DataVolume: the extractor's jmesPath"),
          KYVERNO + "keyed-secret/policy.yaml",
          List.of("attestors[0]: key from Secret"),
          KYVERNO + "sigstore-attestation-verification-regexp/policy.yaml",
          List.of("type SigstoreBundle"),
          KYVERNO + "sigstore-attestation-verification-test/policy.yaml",
          List.of("type SigstoreBundle"),
          KYVERNO + "sigstore-image-verification-test/policy.yaml",
          List.of("type SigstoreBundle"),
          "policy/src/test/resources/seeds/002-keyless-github.yaml",
          List.of("attestors[0]: keyless identity with variables"),
          "policy/src/test/resources/seeds/002-pipeline-bundle.yaml",
          List.of(
              "kind PipelineRun: its API group is unknown",
              "imageExtractors.PipelineRun: extractor path"));

  private static String pem;

  @BeforeAll
  static void key() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(g.generateKeyPair().getPublic().getEncoded());
    pem = "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----";
  }

  static List<Path> legacyFiles() throws Exception {
    List<Path> out = new ArrayList<>();
    for (Path c : CORPORA) {
      try (Stream<Path> walk = Files.walk(c)) {
        walk.filter(p -> p.toString().endsWith(".yaml"))
            .filter(p -> !p.getFileName().toString().startsWith("resources"))
            .sorted()
            .forEach(out::add);
      }
    }
    return out;
  }

  /** The apply scenarios are templates: put a registry host and a real key in. */
  static String render(String text) {
    String s = text.replace("@REGISTRY@", "registry.test:5000");
    for (String k : new String[] {"K1", "K2", "K3"}) {
      s = s.replace("@" + k + "_INLINE@", pem.replace("\n", "\\n"));
      s =
          java.util.regex.Pattern.compile("(?m)^([ \\t]*)@" + k + "@")
              .matcher(s)
              .replaceAll(
                  m ->
                      java.util.regex.Matcher.quoteReplacement(
                          m.group(1) + pem.replace("\n", "\n" + m.group(1))));
    }
    return s;
  }

  @Test
  void everyLegacyPolicyConvertsAndTheOutputLoadsAndLints() throws Exception {
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> gaps = new TreeMap<>();
    int converted = 0;
    int documents = 0;
    for (Path f : legacyFiles()) {
      String rel = REPO.relativize(f).toString().replace('\\', '/');
      LoadResult legacy;
      try {
        legacy = PolicyLoader.parse(render(Files.readString(f)), rel);
      } catch (PolicyException e) {
        continue; // not a policy document (chainsaw steps, resources)
      }
      List<Policy> all = new ArrayList<>(legacy.policies());
      legacy.rejected().forEach(r -> all.add(r.policy()));
      for (Policy p : all) {
        if (p.rules().stream().allMatch(r -> r.verifyImages().isEmpty())) {
          continue;
        }
        Conversion c = PolicyConverter.convert(p);
        converted++;
        documents += c.policies().size();
        c.gaps().forEach(g -> gaps.computeIfAbsent(rel, k -> new ArrayList<>()).add(g.reason()));
        try {
          IvpolLoad load = IvpolLoader.parse(c.yaml(), rel + " (converted)");
          load.unsupported().forEach(u -> problems.add(u.toString()));
          assertThat(load.policies()).hasSize(c.policies().size());
          for (LintFinding finding : IvpolLint.lint(load.policies())) {
            if (finding.severity() == LintFinding.Severity.ERROR) {
              problems.add(finding + "\n" + c.yaml());
            }
          }
        } catch (PolicyException e) {
          problems.add(rel + ": " + e.getMessage() + "\n" + c.yaml());
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(gaps.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED_GAPS.keySet());
    gaps.forEach(
        (file, reasons) -> {
          List<String> expected = EXPECTED_GAPS.get(file);
          assertThat(reasons).as(file).hasSameSizeAs(expected);
          for (int i = 0; i < reasons.size(); i++) {
            assertThat(reasons.get(i)).as(file).startsWith(expected.get(i));
          }
        });
    // 80 legacy policies with verifyImages rules today; one ivpol per rule and entry
    assertThat(converted).isEqualTo(80);
    assertThat(documents).isGreaterThanOrEqualTo(converted);
  }
}
