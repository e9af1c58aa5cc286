package dev.imagegate.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.testkit.FaultProxy;
import dev.imagegate.testkit.FaultProxy.Reply;
import dev.imagegate.testkit.FaultProxy.Request;
import dev.imagegate.testkit.RegistryUpload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bearer tokens, redirects and the two ways of listing referrers, in front of a real registry. */
class RegistryAuthAndReferrersTest extends ProxiedRegistryTestBase {
  private static final String TOKEN = "tok-123";

  /**
   * Makes the proxy a token-protected registry whose token endpoint is {@code /token} on the proxy.
   */
  private void requireBearer(String repo) {
    String realm = "http://" + proxy.host() + "/token";
    proxy.rule(
        (req, up) -> {
          if (req.path().equals("/token")) {
            String q = req.query() == null ? "" : req.query();
            boolean scopeOk =
                q.contains("scope=repository%3A" + repo.replace("/", "%2F") + "%3Apull")
                    && q.contains("service=fake-registry");
            return scopeOk
                ? Reply.of(
                    200,
                    Map.of("Content-Type", "application/json"),
                    ("{\"token\":\"" + TOKEN + "\",\"expires_in\":300}").getBytes())
                : Reply.of(400, Map.of(), ("bad token request " + q).getBytes());
          }
          if (req.path().startsWith("/v2/")
              && !("Bearer " + TOKEN).equals(req.header("authorization"))) {
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
                    .getBytes());
          }
          return null;
        });
  }

  @Test
  void bearerTokenIsFetchedOnceForTheScopeAndReused() throws Exception {
    String digest = fixtures.pushRandomImage(registry.host(), "auth/app:v1");
    requireBearer("auth/app");
    try (OciClient client = client()) {
      Repository repo = client.repository(viaProxy("auth/app"));
      assertThat(client.resolve(viaProxy("auth/app:v1"))).hasToString(digest);
      Manifest m = repo.manifest("v1").orElseThrow();
      repo.blob(((Manifest.ImageManifest) m.content()).config(), 1 << 20);
      assertThat(repo.manifest(digest)).isPresent();
    }
    assertThat(count("GET", "/token")).isEqualTo(1);
    // Only the very first request went out without the token.
    assertThat(
            proxy.requests().stream()
                .filter(r -> r.path().startsWith("/v2/") && r.header("authorization") == null))
        .hasSize(1);
  }

  @Test
  void tokenRequestsCarryDockerConfigCredentialsOrTheIdentityToken() throws Exception {
    fixtures.pushRandomImage(registry.host(), "auth/creds:v1");
    requireBearer("auth/creds");
    Path config = work.resolve("bearer-config.json");
    String auth =
        Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
    Files.writeString(config, "{\"auths\":{\"" + proxy.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    try (OciClient client =
        OciClient.create(
            OciClientConfig.defaults()
                .withInsecureRegistries(Set.of(proxy.host()))
                .withDockerConfig(config))) {
      client.resolve(viaProxy("auth/creds:v1"));
    }
    Request tokenRequest =
        proxy.requests().stream().filter(r -> r.path().equals("/token")).findFirst().orElseThrow();
    assertThat(tokenRequest.method()).isEqualTo("GET");
    assertThat(tokenRequest.header("authorization")).isEqualTo("Basic " + auth);

    proxy.clearRequests();
    proxy.clearRules();
    requireBearerViaPost("auth/creds");
    Files.writeString(
        config, "{\"auths\":{\"" + proxy.host() + "\":{\"identitytoken\":\"refresh-me\"}}}");
    try (OciClient client =
        OciClient.create(
            OciClientConfig.defaults()
                .withInsecureRegistries(Set.of(proxy.host()))
                .withDockerConfig(config))) {
      client.resolve(viaProxy("auth/creds:v1"));
    }
    assertThat(proxy.requests().stream().filter(r -> r.path().equals("/token")))
        .singleElement()
        .extracting(Request::method)
        .isEqualTo("POST");
  }

  private void requireBearerViaPost(String repo) {
    String realm = "http://" + proxy.host() + "/token";
    proxy.rule(
        (req, up) -> {
          if (req.path().equals("/token")) {
            return req.method().equals("POST")
                ? Reply.of(200, Map.of(), ("{\"access_token\":\"" + TOKEN + "\"}").getBytes())
                : Reply.of(405, Map.of(), new byte[0]);
          }
          if (req.path().startsWith("/v2/")
              && !("Bearer " + TOKEN).equals(req.header("authorization"))) {
            return Reply.of(
                401,
                Map.of(
                    "WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"fake-registry\""),
                new byte[0]);
          }
          return null;
        });
  }

  @Test
  void aBlobRedirectedToAnotherPortIsFetchedWithoutTheAuthorizationHeader() throws Exception {
    String digest = fixtures.pushRandomImage(registry.host(), "auth/redirect:v1");
    try (FaultProxy storage = FaultProxy.start(registry.host())) {
      requireBearer("auth/redirect");
      proxy.rule(
          (req, up) ->
              req.path().contains("/blobs/")
                  ? Reply.of(
                      307,
                      Map.of(
                          "Location", "http://" + storage.host() + req.path() + "?signature=abc"),
                      new byte[0])
                  : null);
      try (OciClient client = client(Duration.ofSeconds(20))) {
        Repository repo = client.repository(viaProxy("auth/redirect"));
        Manifest.ImageManifest m =
            (Manifest.ImageManifest) repo.manifest(digest).orElseThrow().content();
        byte[] layer = repo.blob(m.layers().get(0), 1 << 20);
        assertThat(Digest.sha256(layer)).isEqualTo(m.layers().get(0).digest());
      }
      assertThat(storage.requests())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.path()).contains("/blobs/");
                assertThat(r.query()).isEqualTo("signature=abc");
                assertThat(r.header("authorization")).isNull();
              });
      assertThat(proxy.requests().stream().filter(r -> r.path().contains("/blobs/")))
          .allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + TOKEN));
    }
  }

  @Test
  void withoutTheReferrersApiTheTagSchemaIsUsedAndRemembered() throws Exception {
    String subject = fixtures.pushRandomImage(registry.host(), "refs/fallback:v1");
    String a =
        fixtures.attach(registry.host(), "refs/fallback", subject, "application/vnd.test.a", "a");
    try (OciClient client = client()) {
      Repository repo = client.repository(viaProxy("refs/fallback"));
      assertThat(repo.referrers(Digest.parse(subject), null))
          .extracting(d -> d.digest().toString())
          .containsExactly(a);
      assertThat(
              client
                  .repository(viaProxy("refs/fallback"))
                  .referrers(Digest.parse(subject), "application/vnd.test.a"))
          .hasSize(1);
      assertThat(repo.referrers(Digest.parse(subject), "application/vnd.other")).isEmpty();
    }
    // distribution 2.8 answers 404 "page not found" to the referrers API: probed once, then
    // straight to the tag.
    assertThat(count("GET", "/referrers/")).isEqualTo(1);
    assertThat(count("GET", "/manifests/sha256-")).isEqualTo(3);
  }

  @Test
  void theReferrersApiIsPagedViaLinkAndFilteredClientSide() throws Exception {
    String subject = fixtures.pushRandomImage(registry.host(), "refs/api:v1");
    List<String> attached = new ArrayList<>();
    for (String type :
        List.of("application/vnd.test.a", "application/vnd.test.b", "application/vnd.test.a")) {
      attached.add(
          fixtures.attach(registry.host(), "refs/api", subject, type, type + attached.size()));
    }
    String tag = subject.replace(':', '-');
    // A referrers API served from the registry's referrers-tag index, one entry per page, ignoring
    // artifactType.
    proxy.rule(
        (req, up) -> {
          if (!req.path().startsWith("/v2/refs/api/referrers/")) {
            return null;
          }
          Reply index =
              up.forward(
                  new Request(
                      "GET",
                      "/v2/refs/api/manifests/" + tag,
                      null,
                      Map.of("accept", List.of(MediaTypes.OCI_INDEX))));
          String json = new String(index.body(), StandardCharsets.UTF_8);
          String entries = json.substring(json.indexOf('[') + 1, json.lastIndexOf(']'));
          List<String> items = splitTopLevel(entries);
          int page =
              req.query() != null && req.query().contains("page=")
                  ? Integer.parseInt(req.query().replaceAll(".*page=(\\d+).*", "$1"))
                  : 0;
          String body =
              "{\"schemaVersion\":2,\"mediaType\":\""
                  + MediaTypes.OCI_INDEX
                  + "\",\"manifests\":["
                  + items.get(page)
                  + "]}";
          Map<String, String> headers =
              new java.util.HashMap<>(Map.of("Content-Type", MediaTypes.OCI_INDEX));
          if (page + 1 < items.size()) {
            headers.put("Link", "<" + req.path() + "?page=" + (page + 1) + ">; rel=\"next\"");
          }
          return Reply.of(200, headers, body.getBytes(StandardCharsets.UTF_8));
        });
    try (OciClient client = client()) {
      Repository repo = client.repository(viaProxy("refs/api"));
      assertThat(repo.referrers(Digest.parse(subject), null))
          .extracting(d -> d.digest().toString())
          .containsExactlyInAnyOrderElementsOf(attached);
      assertThat(repo.referrers(Digest.parse(subject), "application/vnd.test.a"))
          .extracting(d -> d.digest().toString())
          .containsExactlyInAnyOrder(attached.get(0), attached.get(2));
    }
    assertThat(count("GET", "/referrers/")).isEqualTo(6);
    assertThat(proxy.requests())
        .filteredOn(r -> r.path().contains("/referrers/"))
        .first()
        .satisfies(r -> assertThat(r.query()).isNull());
    assertThat(proxy.requests())
        .filteredOn(
            r ->
                r.path().contains("/referrers/")
                    && r.query() != null
                    && r.query().startsWith("artifactType="))
        .hasSize(1);
    assertThat(count("GET", "/manifests/" + tag)).isZero();
  }

  @Test
  void aHandMadeReferrersTagIndexIsRead() throws Exception {
    String subject = fixtures.pushRandomImage(registry.host(), "refs/manual:v1");
    RegistryUpload upload = new RegistryUpload(registry.host());
    upload.blob("refs/manual", "{}".getBytes(StandardCharsets.UTF_8));
    Descriptor subjectDesc =
        new Descriptor(
            MediaTypes.OCI_MANIFEST,
            Digest.parse(subject),
            fixtures
                .manifest(registry.host() + "/refs/manual:v1")
                .getBytes(StandardCharsets.UTF_8)
                .length);
    byte[] sig = TestManifests.referrer("application/vnd.cncf.notary.signature", subjectDesc);
    String sigDigest =
        upload.manifest("refs/manual", RegistryUpload.sha256(sig), MediaTypes.OCI_MANIFEST, sig);
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_INDEX
            + "\",\"manifests\":[{\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"digest\":\""
            + sigDigest
            + "\",\"size\":"
            + sig.length
            + ",\"artifactType\":\"application/vnd.cncf.notary.signature\"}]}";
    upload.manifest(
        "refs/manual",
        subject.replace(':', '-'),
        MediaTypes.OCI_INDEX,
        index.getBytes(StandardCharsets.UTF_8));
    try (OciClient client = client()) {
      assertThat(
              client
                  .repository(viaProxy("refs/manual"))
                  .referrers(Digest.parse(subject), "application/vnd.cncf.notary.signature"))
          .singleElement()
          .satisfies(d -> assertThat(d.digest()).hasToString(sigDigest));
    }
  }

  /** Splits the top-level JSON objects of an array body. */
  private static List<String> splitTopLevel(String entries) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    boolean inString = false;
    for (int i = 0; i < entries.length(); i++) {
      char c = entries.charAt(i);
      if (c == '"' && (i == 0 || entries.charAt(i - 1) != '\\')) {
        inString = !inString;
      } else if (!inString && c == '{') {
        if (depth++ == 0) {
          start = i;
        }
      } else if (!inString && c == '}' && --depth == 0) {
        out.add(entries.substring(start, i + 1));
      }
    }
    return out;
  }
}
