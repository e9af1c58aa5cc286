package dev.imagegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kyverno v1.19's own verifyImages test policies (resources/kyverno, see its README), each loaded
 * with Kyverno's verdict: the chainsaw tests and CLI tests create every one of them successfully,
 * except the policy-validation/admission-disabled ones, which Kyverno's admission webhook refuses
 * (their chainsaw-test.yaml expects an error).
 */
class KyvernoTestPoliciesTest {
  private static final String ADMISSION_DISABLED =
      "disabling admission processing is only allowed with validation policies";

  /** Kyverno's verdict where it is not "valid", by path under resources/kyverno. */
  private static final Map<String, String> NOT_VALID =
      Map.of(
          "test/conformance/chainsaw/policy-validation/cluster-policy/admission-disabled/policy-verify-image.yaml",
          ADMISSION_DISABLED,
          "test/conformance/chainsaw/policy-validation/policy/admission-disabled/policy-verify-image.yaml",
          ADMISSION_DISABLED);

  static Stream<String> policies() throws IOException, URISyntaxException {
    Path root = root();
    try (Stream<Path> walk = Files.walk(root)) {
      return walk
          .filter(p -> p.toString().endsWith(".yaml"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList()
          .stream();
    }
  }

  private static Path root() throws URISyntaxException {
    return Path.of(KyvernoTestPoliciesTest.class.getResource("/kyverno/LICENSE").toURI())
        .getParent();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void kyvernosVerdict(String file) throws Exception {
    LoadResult r = PolicyLoader.load(List.of(root().resolve(file)));
    List<String> errors = r.rejected().stream().flatMap(x -> x.errors().stream()).toList();
    String expected = NOT_VALID.get(file);
    if (expected == null) {
      assertThat(errors).as("Kyverno accepts %s", file).isEmpty();
      assertThat(r.policies()).isNotEmpty();
    } else {
      assertThat(errors).as("Kyverno refuses %s", file).containsExactly(expected);
    }
  }
}
