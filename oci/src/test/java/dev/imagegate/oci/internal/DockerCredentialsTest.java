package dev.imagegate.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerCredentialsTest {
  @TempDir Path dir;

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private DockerCredentials load(String json, List<Path> path) throws Exception {
    Path config = dir.resolve("config.json");
    Files.writeString(config, json);
    return new DockerCredentials(config, new CredentialHelperRunner(path));
  }

  @Test
  void readsAuthsInEveryForm() throws Exception {
    DockerCredentials c =
        load(
            """
        {"auths":{
          "https://index.docker.io/v1/":{"auth":"%s"},
          "ghcr.io":{"username":"bob","password":"pw2"},
          "https://quay.io/v2/":{"identitytoken":"refresh"},
          "broken.io":{"auth":"%%%%"}
        }}"""
                .formatted(b64("alice:pw:with:colons")),
            List.of());
    assertThat(c.lookup("docker.io"))
        .get()
        .satisfies(
            r -> {
              assertThat(r.username()).isEqualTo("alice");
              assertThat(r.password()).isEqualTo("pw:with:colons");
            });
    assertThat(c.lookup("ghcr.io")).get().extracting(RegistryCredential::username).isEqualTo("bob");
    assertThat(c.lookup("quay.io")).get().satisfies(r -> assertThat(r.hasIdentityToken()).isTrue());
    assertThat(c.lookup("broken.io")).isEmpty();
    assertThat(c.lookup("unknown.io")).isEmpty();
  }

  @Test
  void credentialHelpersComeFirstAndMissingOnesAreSkipped() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path helper = bin.resolve("docker-credential-fake");
    // Echoes the server URL it was asked for as the user name, so the test sees what was asked.
    Files.writeString(
        helper,
        "#!/bin/sh\nread url\nprintf '{\"ServerURL\":\"%s\",\"Username\":\"%s\",\"Secret\":\"s3\"}' \"$url\" \"$url\"\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path tokenHelper = bin.resolve("docker-credential-tok");
    Files.writeString(
        tokenHelper, "#!/bin/sh\nprintf '{\"Username\":\"<token>\",\"Secret\":\"idt\"}'\n");
    Files.setPosixFilePermissions(tokenHelper, PosixFilePermissions.fromString("rwxr-xr-x"));
    DockerCredentials c =
        load(
            """
        {"credHelpers":{"docker.io":"fake","tok.io":"tok","gone.io":"not-installed"},
         "auths":{"gone.io":{"auth":"%s"}}}"""
                .formatted(b64("u:p")),
            List.of(bin));
    assertThat(c.lookup("docker.io"))
        .get()
        .satisfies(
            r -> {
              assertThat(r.username()).isEqualTo("https://index.docker.io/v1/");
              assertThat(r.password()).isEqualTo("s3");
            });
    assertThat(c.lookup("tok.io"))
        .get()
        .satisfies(r -> assertThat(r.identityToken()).isEqualTo("idt"));
    assertThat(c.lookup("gone.io")).get().extracting(RegistryCredential::username).isEqualTo("u");

    DockerCredentials store =
        load("{\"credsStore\":\"fake\",\"auths\":{\"ghcr.io\":{}}}", List.of(bin));
    assertThat(store.lookup("ghcr.io"))
        .get()
        .extracting(RegistryCredential::username)
        .isEqualTo("ghcr.io");
  }

  @Test
  void aMissingOrBrokenConfigMeansAnonymous() throws Exception {
    assertThat(
            new DockerCredentials(dir.resolve("absent.json"), new CredentialHelperRunner(List.of()))
                .lookup("x.io"))
        .isEmpty();
    assertThat(load("{not json", List.of()).lookup("x.io")).isEmpty();
  }

  @Test
  void findsTheConfigLikeDocker() {
    Path explicit = Path.of("/etc/x.json");
    assertThat(DockerCredentials.defaultConfigPath(explicit, Map.of("DOCKER_CONFIG", "/d")))
        .isEqualTo(explicit);
    assertThat(DockerCredentials.defaultConfigPath(null, Map.of("DOCKER_CONFIG", "/d")))
        .isEqualTo(Path.of("/d/config.json"));
    assertThat(
            DockerCredentials.defaultConfigPath(null, Map.of())
                .endsWith(Path.of(".docker", "config.json")))
        .isTrue();
  }

  @Test
  void credentialsNeverPrintTheirSecrets() {
    assertThat(new RegistryCredential("u", "hunter2", "tok"))
        .asString()
        .doesNotContain("hunter2", "tok]");
  }
}
