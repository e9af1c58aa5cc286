package dev.imagegate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegate.testkit.FaultProxy.Reply;
import dev.imagegate.testkit.FaultProxy.Request;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.RegistryUpload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link OciClient#withCredentials}: per-view credentials for Basic (real htpasswd registry) and
 * Bearer registries.
 */
class PerViewCredentialsTest extends ProxiedRegistryTestBase {
  private static final Map<String, String> USERS = Map.of("alice", "pw-a", "bob", "pw-b");

  private static void assertUnauthorized(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAUTHORIZED));
  }

  @Test
  void basicCredentialsOfAViewReachAnHtpasswdRegistryAndOthersDoNot() throws Exception {
    // bcrypt (cost 4) of "imagegate-pw"; distribution 2.8 serves htpasswd auth without TLS.
    Path htpasswd = work.resolve("htpasswd-views");
    Files.writeString(
        htpasswd, "tester:$2b$04$0s7Iy1QKB8/zEnNksNuf8utBfPBoK7Fu8zsxSwEUjPGPsCuWSXPXy\n");
    try (LocalRegistry secured =
        LocalRegistry.start(
            PEERS,
            """
        auth:
          htpasswd:
            realm: imagegate-test
            path: %s
        """
                .formatted(htpasswd))) {
      RegistryUpload upload = new RegistryUpload(secured.host(), "tester", "imagegate-pw");
      upload.blob("private/app", "{}".getBytes(StandardCharsets.UTF_8));
      String digest =
          upload.manifest(
              "private/app",
              "v1",
              MediaTypes.OCI_MANIFEST,
              TestManifests.emptyArtifact("application/vnd.test.views"));
      ImageReference ref = ImageReference.parse(secured.host() + "/private/app:v1");

      try (OciClient client =
          OciClient.create(
              OciClientConfig.defaults()
                  .withInsecureRegistries(Set.of(secured.host()))
                  .withDockerConfig(work.resolve("no-such-config.json")))) {
        OciClient right =
            client.withCredentials(
                Map.of(
                    "http://" + secured.host(),
                    RegistryCredentials.basic("tester", "imagegate-pw")));
        OciClient wrong =
            client.withCredentials(
                Map.of(secured.host(), RegistryCredentials.basic("tester", "nope")));
        OciClient elsewhere =
            client.withCredentials(
                Map.of("ghcr.io", RegistryCredentials.basic("tester", "imagegate-pw")));

        assertUnauthorized(() -> client.resolve(ref));
        assertThat(right.resolve(ref)).hasToString(digest);
        assertThat(right.repository(ref).manifest("v1")).isPresent();
        assertUnauthorized(() -> wrong.resolve(ref));
        assertUnauthorized(() -> elsewhere.resolve(ref));
        // The authorized view taught the scheme (Basic) but leaves the shared client without
        // credentials.
        assertUnauthorized(() -> client.resolve(ref));
        assertThat(right.withListener(e -> {}).resolve(ref)).hasToString(digest);
      }
    }
  }

  /**
   * A token registry in front of the real one: tokens per user, only alice may pull {@code repo}.
   */
  private void requireBearerForAlice(String repo) {
    String realm = "http://" + proxy.host() + "/token";
    proxy.rule(
        (req, up) -> {
          if (req.path().equals("/token")) {
            String user = basicUser(req.header("authorization"));
            return user == null
                ? Reply.of(401, Map.of(), "bad credentials".getBytes(StandardCharsets.UTF_8))
                : Reply.of(
                    200,
                    Map.of("Content-Type", "application/json"),
                    ("{\"token\":\"tok-" + user + "\",\"expires_in\":300}")
                        .getBytes(StandardCharsets.UTF_8));
          }
          if (req.path().startsWith("/v2/")
              && !"Bearer tok-alice".equals(req.header("authorization"))) {
            return Reply.of(
                401,
                Map.of(
                    "WWW-Authenticate",
                    "Bearer realm=\""
                        + realm
                        + "\",service=\"fake-registry\",scope=\"repository:"
                        + repo
                        + ":pull\"",
                    "Content-Type",
                    "application/json"),
                "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
                    .getBytes(StandardCharsets.UTF_8));
          }
          return null;
        });
  }

  /** The user of a valid Basic header, "anonymous" without one, null for a wrong password. */
  private static String basicUser(String authorization) {
    if (authorization == null) {
      return "anonymous";
    }
    String decoded =
        new String(
            Base64.getDecoder().decode(authorization.substring("Basic ".length())),
            StandardCharsets.UTF_8);
    String user = decoded.substring(0, decoded.indexOf(':'));
    return decoded.substring(decoded.indexOf(':') + 1).equals(USERS.get(user)) ? user : null;
  }

  @Test
  void bearerTokensAreKeptPerCredentialAndNeverCrossViews() throws Exception {
    String digest = fixtures.pushRandomImage(registry.host(), "views/app:v1");
    requireBearerForAlice("views/app");
    ImageReference ref = viaProxy("views/app:v1");
    try (OciClient client = client()) {
      OciClient alice =
          client.withCredentials(Map.of(proxy.host(), RegistryCredentials.basic("alice", "pw-a")));
      OciClient aliceAgain =
          client.withCredentials(Map.of(proxy.host(), RegistryCredentials.basic("alice", "pw-a")));
      OciClient bob =
          client.withCredentials(Map.of(proxy.host(), RegistryCredentials.basic("bob", "pw-b")));

      assertUnauthorized(() -> client.resolve(ref));
      assertThat(alice.resolve(ref)).hasToString(digest);
      assertUnauthorized(() -> bob.resolve(ref));
      assertUnauthorized(() -> client.resolve(ref));
      assertThat(aliceAgain.repository(ref).manifest(digest)).isPresent();
      assertUnauthorized(() -> bob.repository(ref).manifest(digest));
    }
    List<Request> tokens =
        proxy.requests().stream().filter(r -> r.path().equals("/token")).toList();
    // One token per credential (anonymous, alice, bob): alice's second view reused alice's token.
    assertThat(tokens)
        .extracting(r -> basicUser(r.header("authorization")))
        .containsExactlyInAnyOrder("anonymous", "alice", "bob");
    assertThat(
            proxy.requests().stream()
                .filter(r -> r.path().startsWith("/v2/"))
                .filter(r -> "Bearer tok-alice".equals(r.header("authorization"))))
        .hasSize(2);
  }

  @Test
  void anIdentityTokenOfAViewIsExchangedAtTheTokenEndpoint() throws Exception {
    fixtures.pushRandomImage(registry.host(), "views/refresh:v1");
    String realm = "http://" + proxy.host() + "/token";
    proxy.rule(
        (req, up) -> {
          if (req.path().equals("/token")) {
            return req.method().equals("POST")
                ? Reply.of(200, Map.of(), "{\"access_token\":\"tok-alice\"}".getBytes())
                : Reply.of(401, Map.of(), new byte[0]);
          }
          if (req.path().startsWith("/v2/")
              && !"Bearer tok-alice".equals(req.header("authorization"))) {
            return Reply.of(
                401,
                Map.of(
                    "WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"fake-registry\""),
                new byte[0]);
          }
          return null;
        });
    try (OciClient client = client()) {
      OciClient view =
          client.withCredentials(
              Map.of(proxy.host(), RegistryCredentials.ofIdentityToken("refresh-me")));
      assertThat(view.resolve(viaProxy("views/refresh:v1"))).isNotNull();
      assertUnauthorized(() -> client.resolve(viaProxy("views/refresh:v1")));
    }
  }

  @Test
  void dockerHubKeysAreAliasesAndSecretsStayOutOfToString() {
    RegistryCredentials a = RegistryCredentials.basic("hub-user", "hub-secret");
    RegistryCredentials b = RegistryCredentials.basic("other", "other-secret");
    assertThat(
            RegistryCredentials.forRegistry(Map.of("https://index.docker.io/v1/", a), "docker.io"))
        .contains(a);
    assertThat(RegistryCredentials.forRegistry(Map.of("registry-1.docker.io", a), "docker.io"))
        .contains(a);
    assertThat(
            RegistryCredentials.forRegistry(
                Map.of("docker.io", b, "https://index.docker.io/v1/", a), "docker.io"))
        .contains(b);
    assertThat(
            RegistryCredentials.forRegistry(
                Map.of("index.docker.io", b, "https://index.docker.io/v1/", a), "docker.io"))
        .contains(a);
    assertThat(RegistryCredentials.forRegistry(Map.of("http://host:5000/v2/", a), "host:5000"))
        .contains(a);
    assertThat(RegistryCredentials.forRegistry(Map.of("ghcr.io", a), "quay.io")).isEmpty();
    assertThat(a.toString()).contains("hub-user").doesNotContain("hub-secret");
    assertThat(RegistryCredentials.ofIdentityToken("tok-secret").toString())
        .doesNotContain("tok-secret");
    assertThatThrownBy(() -> new RegistryCredentials("", "pw", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("pw");
  }
}
