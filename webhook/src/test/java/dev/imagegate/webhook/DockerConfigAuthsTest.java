package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegate.webhook.internal.DockerConfigAuths;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DockerConfigAuthsTest {
  @Test
  void readsAuthUsernamePasswordAndIdentityToken() {
    String auth =
        Base64.getEncoder().encodeToString("robot:s3cret".getBytes(StandardCharsets.UTF_8));
    String config =
        """
        {"auths": {
          "https://index.docker.io/v1/": {"auth": "%s"},
          "registry.example:5000": {"username": "u", "password": "p"},
          "https://acr.example/v2": {"identitytoken": "tok"},
          "empty.example": {}
        }}"""
            .formatted(auth);

    RegistryAuths auths = DockerConfigAuths.parse(config.getBytes(StandardCharsets.UTF_8));

    assertThat(auths.byRegistry())
        .containsOnlyKeys("index.docker.io", "registry.example:5000", "acr.example");
    assertThat(auths.forRegistry("docker.io"))
        .hasValueSatisfying(
            c -> {
              assertThat(c.username()).isEqualTo("robot");
              assertThat(c.password()).isEqualTo("s3cret");
            });
    assertThat(auths.forRegistry("acr.example"))
        .hasValueSatisfying(c -> assertThat(c.identityToken()).isEqualTo("tok"));
    assertThat(auths.toString()).doesNotContain("s3cret", "robot");
    assertThat(auths.forRegistry("registry.example:5000").orElseThrow().toString())
        .doesNotContain("p]");
  }

  @Test
  void readsLegacyDockercfg() {
    RegistryAuths auths =
        DockerConfigAuths.parse(
            "{\"quay.io\": {\"username\": \"a\", \"password\": \"b\"}}"
                .getBytes(StandardCharsets.UTF_8));

    assertThat(auths.forRegistry("quay.io")).isPresent();
  }

  @Test
  void laterSourcesOverrideEarlierOnes() {
    RegistryAuths global =
        DockerConfigAuths.parse(
            "{\"auths\":{\"ghcr.io\":{\"username\":\"global\",\"password\":\"x\"}}}".getBytes());
    RegistryAuths pod =
        DockerConfigAuths.parse(
            "{\"auths\":{\"ghcr.io\":{\"username\":\"pod\",\"password\":\"y\"}}}".getBytes());

    assertThat(global.overriddenBy(pod).forRegistry("ghcr.io").orElseThrow().username())
        .isEqualTo("pod");
  }

  @Test
  void refusesNonJsonWithoutEchoingIt() {
    assertThatThrownBy(() -> DockerConfigAuths.parse("password=hunter2".getBytes()))
        .hasMessage("not a JSON docker config");
  }
}
