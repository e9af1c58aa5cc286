package dev.imagegate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageReferenceTest {
  private static final String HEX = "a".repeat(64);

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("nginx", "docker.io/library/nginx:latest"),
        Arguments.of("nginx:1.25", "docker.io/library/nginx:1.25"),
        Arguments.of("library/nginx", "docker.io/library/nginx:latest"),
        Arguments.of("docker.io/nginx", "docker.io/library/nginx:latest"),
        Arguments.of("index.docker.io/nginx", "docker.io/library/nginx:latest"),
        Arguments.of("registry-1.docker.io/org/app:v1", "docker.io/org/app:v1"),
        Arguments.of("bitnami/redis", "docker.io/bitnami/redis:latest"),
        Arguments.of("ghcr.io/org/team/app:v1", "ghcr.io/org/team/app:v1"),
        Arguments.of("localhost:5000/x", "localhost:5000/x:latest"),
        Arguments.of("localhost/x", "localhost/x:latest"),
        Arguments.of("127.0.0.1:5000/app:v2", "127.0.0.1:5000/app:v2"),
        Arguments.of("[::1]:5000/app", "[::1]:5000/app:latest"),
        // Registry hosts in canonical form (issue 12, finding 1).
        Arguments.of("MyRegistry.example.com/app", "myregistry.example.com/app:latest"),
        Arguments.of("127.0.0.1:05000/app", "127.0.0.1:5000/app:latest"),
        Arguments.of("LOCALHOST:5000/x", "localhost:5000/x:latest"),
        Arguments.of("LOCALHOST/x", "localhost/x:latest"),
        Arguments.of("registry.io:443/x", "registry.io/x:latest"),
        Arguments.of("registry.io:80/x", "registry.io:80/x:latest"),
        Arguments.of("index.docker.io:443/nginx", "docker.io/library/nginx:latest"),
        Arguments.of("[0:0:0:0:0:0:0:1]:5000/app", "[::1]:5000/app:latest"),
        Arguments.of("[2001:DB8:0:0:1:0:0:1]/app", "[2001:db8::1:0:0:1]/app:latest"),
        Arguments.of("[::ffff:127.0.0.1]:5000/app", "127.0.0.1:5000/app:latest"),
        Arguments.of("nginx@sha256:" + HEX, "docker.io/library/nginx@sha256:" + HEX),
        Arguments.of("nginx:1.25@sha256:" + HEX, "docker.io/library/nginx:1.25@sha256:" + HEX),
        Arguments.of("a/b__c/d-e--f/g.h:T_a.g-1", "docker.io/a/b__c/d-e--f/g.h:T_a.g-1"),
        Arguments.of("localhost:5000", "docker.io/library/localhost:5000"));
  }

  @ParameterizedTest
  @MethodSource("valid")
  void normalisesLikeDocker(String input, String expected) {
    assertThat(ImageReference.parse(input).toString()).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("valid")
  void normalFormIsAFixedPoint(String input, String expected) {
    assertThat(ImageReference.parse(expected).toString()).isEqualTo(expected);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("", "the reference is empty"),
        Arguments.of("Nginx", "repository name 'Nginx' must be lowercase"),
        Arguments.of("docker.io/Org/app", "repository name 'Org/app' must be lowercase"),
        // Found by ImageReferenceFuzzTest: lower-cased, this host would read as a Docker Hub
        // namespace.
        Arguments.of("LOCTO055/x", "ambiguous registry host LOCTO055"),
        Arguments.of("nginx:", "invalid tag ''"),
        Arguments.of("nginx:-x", "invalid tag '-x'"),
        Arguments.of("nginx:" + "t".repeat(129), "invalid tag"),
        Arguments.of("nginx@sha256:abc", "invalid digest 'sha256:abc'"),
        Arguments.of("nginx@md5:" + HEX, "invalid digest"),
        Arguments.of("nginx@", "missing 'algorithm:' prefix"),
        Arguments.of(":v1", "the repository name is empty"),
        Arguments.of("a//b", "invalid repository path component ''"),
        Arguments.of("a/b/", "invalid repository path component ''"),
        Arguments.of("a/-b", "invalid repository path component '-b'"),
        Arguments.of("a/b..c", "invalid repository path component 'b..c'"),
        Arguments.of("a/b___c", "invalid repository path component 'b___c'"),
        Arguments.of("host.io:99999/app", "invalid port in registry host 'host.io:99999'"),
        Arguments.of("host.io:0/app", "invalid port in registry host 'host.io:0'"),
        Arguments.of("127.1:5000/app", "ambiguous numeric registry host '127.1:5000'"),
        Arguments.of("0177.0.0.1/app", "ambiguous numeric registry host '0177.0.0.1'"),
        Arguments.of("-host.io/app", "invalid registry host '-host.io'"),
        Arguments.of("host.io/" + "a".repeat(300), "repository name longer than 255 characters"),
        Arguments.of("x".repeat(5000), "longer than 4096 characters"),
        Arguments.of("oci-layout:/tmp/dir", "needs a tag or digest"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void refusesWithAPreciseMessage(String input, String message) {
    assertThatThrownBy(() -> ImageReference.parse(input))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining(message);
  }

  @org.junit.jupiter.api.Test
  void exposesItsParts() {
    ImageReference r = ImageReference.parse("127.0.0.1:5000/team/app:v1@sha256:" + HEX);
    assertThat(r.registry()).isEqualTo("127.0.0.1:5000");
    assertThat(r.repository()).isEqualTo("team/app");
    assertThat(r.tag()).isEqualTo("v1");
    assertThat(r.reference()).isEqualTo("sha256:" + HEX);
    assertThat(r.repositoryName()).isEqualTo(new RepositoryName("127.0.0.1:5000", "team/app"));
    assertThat(r.context()).isEqualTo("127.0.0.1:5000/team/app");
  }

  @org.junit.jupiter.api.Test
  void layoutReferences() {
    ImageReference tagged = ImageReference.parse("oci-layout:/tmp/lay:v1");
    assertThat(tagged.isLayout()).isTrue();
    assertThat(tagged.repositoryName())
        .isEqualTo(new RepositoryName(RepositoryName.LAYOUT, "/tmp/lay"));
    assertThat(tagged.tag()).isEqualTo("v1");
    ImageReference pinned = ImageReference.parse("oci-layout:/tmp/lay@sha256:" + HEX);
    assertThat(pinned.digest()).isEqualTo(Digest.parse("sha256:" + HEX));
  }
}
