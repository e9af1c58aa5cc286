package dev.imagegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the sigstore-conformance {@code bundle-verify} asset directories (copied in {@code
 * testdata/sigstore/conformance/}) through {@code imagegate verify-bundle}, exactly as the
 * conformance suite drives a client: the arguments come from the directory ({@code
 * bundle.sigstore.json}, {@code artifact} or {@code ../a.txt}, {@code identity}/{@code issuer} or
 * the defaults, {@code key.pub}, {@code trusted_root.json} and otherwise the built-in public-good
 * root), once with the file and once with its digest. A {@code _fail} directory must exit non-zero;
 * the expectation is cross-checked with {@code cases.json}.
 */
class VerifyBundleConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Path VECTORS = TestData.corpus("sigstore");
  private static final String DEFAULT_IDENTITY =
      "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/"
          + ".github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
  private static final String DEFAULT_ISSUER = "https://token.actions.githubusercontent.com";

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : JSON.readTree(VECTORS.resolve("cases.json").toFile())) {
      if (!c.path("source").asText().equals("sigstore/sigstore-conformance")) {
        continue;
      }
      Path dir = VECTORS.resolve(c.get("bundle").asText()).getParent();
      for (String mode : List.of("PATH", "DIGEST")) {
        out.add(Arguments.of(mode + "-" + dir.getFileName(), dir, mode, c));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exitCodeFollowsTheDirectoryName(String name, Path dir, String mode, JsonNode c)
      throws IOException {
    boolean shouldFail = dir.getFileName().toString().endsWith("_fail");
    assertThat(c.get("expect").asText())
        .as("cases.json agrees with the directory name")
        .isEqualTo(shouldFail ? "invalid" : "valid");
    List<String> args =
        new ArrayList<>(
            List.of("verify-bundle", "--bundle", dir.resolve("bundle.sigstore.json").toString()));
    if (Files.exists(dir.resolve("key.pub"))) {
      args.addAll(List.of("--key", dir.resolve("key.pub").toString()));
    } else {
      args.addAll(
          List.of(
              "--certificate-identity",
              read(dir.resolve("identity"), DEFAULT_IDENTITY),
              "--certificate-oidc-issuer",
              read(dir.resolve("issuer"), DEFAULT_ISSUER)));
    }
    if (Files.exists(dir.resolve("trusted_root.json"))) {
      args.addAll(List.of("--trusted-root", dir.resolve("trusted_root.json").toString()));
    }
    Path artifact =
        Files.exists(dir.resolve("artifact"))
            ? dir.resolve("artifact")
            : dir.resolveSibling("a.txt");
    args.add(
        mode.equals("PATH")
            ? artifact.toString()
            : "sha256:" + sha256(Files.readAllBytes(artifact)));
    CliRunner.Run r = CliRunner.run(args.toArray(String[]::new));
    if (shouldFail) {
      assertThat(r.exitCode()).as(name + " must fail: " + r.out() + r.err()).isNotZero();
      assertThat(r.exitCode())
          .as(name + " fails as a verification, not a crash: " + r.err())
          .isIn(1, 2);
    } else {
      assertThat(r.exitCode()).as(name + " must pass: " + r.out() + r.err()).isZero();
    }
  }

  private static String read(Path f, String dflt) throws IOException {
    return Files.exists(f) ? Files.readString(f).strip() : dflt;
  }

  private static String sha256(byte[] b) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
