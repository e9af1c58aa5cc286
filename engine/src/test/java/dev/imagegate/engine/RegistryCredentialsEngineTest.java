package dev.imagegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.oci.OciClientConfig;
import dev.imagegate.oci.RegistryCredentials;
import dev.imagegate.testkit.CosignKeyPair;
import dev.imagegate.testkit.Fixtures;
import dev.imagegate.testkit.KeySignedPodsPolicy;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import dev.imagegate.testkit.TestPods;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-request registry credentials ({@link ResourceRequest#registryCredentials}) against a real
 * htpasswd-protected registry holding an image signed by the real cosign: the engine's own docker
 * config has no credentials, so the image verifies only for requests that carry them, whatever the
 * caches hold from earlier requests.
 */
class RegistryCredentialsEngineTest {
  static final Peers PEERS = Peers.installed();
  @TempDir static Path work;
  static LocalRegistry open;
  static LocalRegistry secured;
  static String image;
  static PolicyEngine engine;

  @BeforeAll
  static void signAnImageInAProtectedRegistry() throws Exception {
    Prerequisites.peers("crane");
    // bcrypt (cost 4) of "imagegate-pw"; distribution 2.8 serves htpasswd auth without TLS.
    Path htpasswd = work.resolve("htpasswd");
    Files.writeString(
        htpasswd, "tester:$2b$04$0s7Iy1QKB8/zEnNksNuf8utBfPBoK7Fu8zsxSwEUjPGPsCuWSXPXy\n");
    open = LocalRegistry.start(PEERS);
    secured =
        LocalRegistry.start(
            PEERS,
            """
        auth:
          htpasswd:
            realm: imagegate-test
            path: %s
        """
                .formatted(htpasswd));
    String digest = new Fixtures(PEERS, work).pushRandomImage(open.host(), "staging/app:v1");

    Path dockerConfig = Files.createDirectories(work.resolve("docker"));
    Files.writeString(
        dockerConfig.resolve("config.json"),
        "{\"auths\":{\""
            + secured.host()
            + "\":{\"auth\":\""
            + Base64.getEncoder()
                .encodeToString("tester:imagegate-pw".getBytes(StandardCharsets.UTF_8))
            + "\"}}}");
    Map<String, String> env =
        Map.of("HOME", work.toString(), "DOCKER_CONFIG", dockerConfig.toString());
    image = secured.host() + "/private/app@" + digest;
    PEERS.runOk(
        work,
        env,
        "crane",
        "copy",
        open.host() + "/staging/app:v1",
        secured.host() + "/private/app:v1");
    CosignKeyPair key = CosignKeyPair.generate(PEERS, work);
    key.sign(image, env);

    Path policy = work.resolve("policy.yaml");
    Files.writeString(
        policy,
        KeySignedPodsPolicy.of(
                "signed", "private-images", secured.host() + "/*", key.publicKeyPem())
            .yaml());
    OciClientConfig oci =
        OciClientConfig.defaults()
            .withInsecureRegistries(Set.of(secured.host()))
            .withDockerConfig(work.resolve("engine-has-no-docker-config.json"));
    engine = PolicyEngines.load(List.of(policy), EngineConfig.defaults().withOci(oci));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {engine, secured, open}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception ignored) {
          // best effort
        }
      }
    }
  }

  private static Decision evaluate(String imageRef, Map<String, RegistryCredentials> credentials) {
    ObjectNode pod = TestPods.single("web", "team", "app", imageRef);
    ResourceRequest request =
        ResourceRequest.builder(pod)
            .namespace("team")
            .uid("uid-1")
            .registryCredentials(credentials)
            .build();
    return engine.evaluate(request, AdmissionPhase.BOTH, Instant.now().plusSeconds(60));
  }

  private static Map<String, RegistryCredentials> right() {
    // Written as a pull secret would key it (scheme and all): the engine maps it to the registry
    // name.
    return Map.of("http://" + secured.host(), RegistryCredentials.basic("tester", "imagegate-pw"));
  }

  @Test
  void verifiesOnlyWithTheRequestsCredentialsEvenAfterAnotherRequestVerifiedIt() {
    Decision withCredentials = evaluate(image, right());
    assertThat(withCredentials.allowed())
        .as(String.valueOf(withCredentials.denyMessage()))
        .isTrue();
    assertThat(withCredentials.results())
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(RuleStatus.PASS));

    // Same image, verified and cached a moment ago with other credentials: not reused for these
    // requests.
    Decision without = evaluate(image, Map.of());
    assertThat(without.allowed()).isFalse();
    assertThat(without.denyMessage()).contains("401").doesNotContain("imagegate-pw");

    Decision wrong =
        evaluate(image, Map.of(secured.host(), RegistryCredentials.basic("tester", "wrong-pw")));
    assertThat(wrong.allowed()).isFalse();
    assertThat(wrong.denyMessage()).doesNotContain("wrong-pw");

    assertThat(evaluate(image, right()).allowed()).isTrue();
  }

  @Test
  void aTagIsResolvedWithTheRequestsCredentialsAndPinned() {
    String byTag = secured.host() + "/private/app:v1";
    Decision without = evaluate(byTag, Map.of());
    assertThat(without.allowed()).isFalse();

    Decision with = evaluate(byTag, right());
    assertThat(with.allowed()).as(String.valueOf(with.denyMessage())).isTrue();
    assertThat(with.patches())
        .filteredOn(p -> p.path().equals("/spec/containers/0/image"))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.value().asText())
                    .isEqualTo(byTag + image.substring(image.indexOf('@'))));

    assertThat(evaluate(byTag, Map.of()).allowed()).isFalse();
  }
}
