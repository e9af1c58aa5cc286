package dev.imagegate.cel;

import static dev.imagegate.cel.CelTesting.error1;
import static dev.imagegate.cel.CelTesting.eval1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** go-containerregistry name.ParseReference semantics, as Kyverno's image library exposes them. */
class ImageLibraryTest {
  private static final String D =
      "sha256:45b23dee08af5e43a7fea6c4cf9c25ccf269ee113168c19722f87876677c5cb2";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          nginx                               | index.docker.io | library/nginx      | latest | ''   | latest
          nginx:1.25                          | index.docker.io | library/nginx      | 1.25   | ''   | 1.25
          docker.io/nginx                     | index.docker.io | library/nginx      | latest | ''   | latest
          docker.io/bitnami/nginx:1           | index.docker.io | bitnami/nginx      | 1      | ''   | 1
          index.docker.io/library/nginx       | index.docker.io | library/nginx      | latest | ''   | latest
          ghcr.io/kyverno/test-verify-image:signed | ghcr.io    | kyverno/test-verify-image | signed | '' | signed
          localhost:5000/a/b:v1               | localhost:5000  | a/b                | v1     | ''   | v1
          localhost/foo                       | index.docker.io | localhost/foo      | latest | ''   | latest
          nginx:                              | index.docker.io | library/nginx      | latest | ''   | latest
          """)
  void parsesTagReferences(
      String ref, String registry, String repo, String tag, String digest, String id) {
    CelTesting t = new CelTesting().var("ref", ref);
    assertThat(t.eval("parseImageReference(ref).registry()")).isEqualTo(registry);
    assertThat(t.eval("parseImageReference(ref).repository()")).isEqualTo(repo);
    assertThat(t.eval("image(ref).tag()")).isEqualTo(tag);
    assertThat(t.eval("image(ref).digest()")).isEqualTo(digest);
    assertThat(t.eval("image(ref).identifier()")).isEqualTo(id);
    assertThat(t.eval("image(ref).containsDigest()")).isEqualTo(false);
    assertThat(t.eval("isImage(ref)")).isEqualTo(true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx@", "nginx:1.0@", "ghcr.io/a/b@", "ghcr.io/a/b:tag@"})
  void parsesDigestReferencesDroppingTheTag(String prefix) {
    CelTesting t = new CelTesting().var("ref", prefix + D);
    assertThat(t.eval("image(ref).containsDigest()")).isEqualTo(true);
    assertThat(t.eval("image(ref).digest()")).isEqualTo(D);
    assertThat(t.eval("image(ref).identifier()")).isEqualTo(D);
    assertThat(t.eval("image(ref).tag()")).isEqualTo("");
    assertThat(t.eval("image(ref).repository()"))
        .isEqualTo(prefix.startsWith("nginx") ? "library/nginx" : "a/b");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Nginx",
        "nginx:bad tag",
        "a",
        "nginx@sha512:abcd",
        "nginx@sha256:abc",
        "ghcr.io/a/b@" + D + "@" + D,
        "ghcr.io:bad:port/x"
      })
  void rejects(String ref) {
    assertThat(new CelTesting().var("ref", ref).eval("isImage(ref)")).isEqualTo(false);
    assertThatThrownBy(() -> ImageName.parse(ref)).hasMessage("could not parse reference: " + ref);
  }

  @ParameterizedTest
  @ValueSource(strings = {"parseImageReference('Bad')", "image('Bad').registry()"})
  void parseErrorIsAnEvaluationError(String expr) {
    assertThat(error1(expr)).startsWith("eval:").contains("could not parse reference: Bad");
  }

  @org.junit.jupiter.api.Test
  void imagesCompareByValue() {
    assertThat(eval1("image('nginx') == parseImageReference('docker.io/library/nginx:latest')"))
        .isEqualTo(true);
  }

  @org.junit.jupiter.api.Test
  void imageFunctionCoexistsWithAnImageVariable() {
    CelTesting t = new CelTesting().var("image", java.util.Map.of("kind", "ctx"));
    assertThat(t.eval("image('nginx').registry() + '/' + image.kind"))
        .isEqualTo("index.docker.io/ctx");
  }
}
