package dev.imagegate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagegate.oci.RegistryException.Kind;
import dev.imagegate.testkit.FaultProxy.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** Bounds and refusals: hostile referrers listings, unknown repositories, unsafe token realms. */
class ReferrersAndAuthEdgesTest extends ProxiedRegistryTestBase {
  private static final Digest SUBJECT = Digest.sha256("subject".getBytes(StandardCharsets.UTF_8));

  private static byte[] indexOf(int entries) {
    StringJoiner j = new StringJoiner(",");
    for (int i = 0; i < entries; i++) {
      j.add(
          "{\"mediaType\":\""
              + MediaTypes.OCI_MANIFEST
              + "\",\"digest\":\""
              + Digest.sha256(("r" + i).getBytes())
              + "\",\"size\":10,\"artifactType\":\"application/vnd.test\"}");
    }
    return ("{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_INDEX
            + "\",\"manifests\":["
            + j
            + "]}")
        .getBytes();
  }

  private void expect(Kind kind, String message, Repository repo) {
    assertThatThrownBy(() -> repo.referrers(SUBJECT, null))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.getMessage()).contains(message);
            });
  }

  @Test
  void moreThanTheBoundOfReferrersIsTooLarge() {
    proxy.rule(
        (req, up) -> Reply.of(200, Map.of("Content-Type", MediaTypes.OCI_INDEX), indexOf(1001)));
    try (OciClient client = client()) {
      expect(Kind.TOO_LARGE, "more than 1000 referrers", client.repository(viaProxy("edges/many")));
    }
  }

  @Test
  void endlessPaginationStopsAtTheBoundOfPages() {
    proxy.rule(
        (req, up) ->
            Reply.of(
                200,
                Map.of(
                    "Content-Type",
                    MediaTypes.OCI_INDEX,
                    "Link",
                    "<" + req.path() + "?n=" + System.nanoTime() + ">; rel=\"next\""),
                indexOf(1)));
    try (OciClient client = client()) {
      expect(Kind.TOO_LARGE, "more than 20 pages", client.repository(viaProxy("edges/pages")));
    }
    assertThat(count("GET", "/referrers/")).isEqualTo(20);
  }

  @Test
  void aNextLinkToAnotherHostIsRefused() {
    proxy.rule(
        (req, up) ->
            Reply.of(
                200,
                Map.of(
                    "Content-Type",
                    MediaTypes.OCI_INDEX,
                    "Link",
                    "<http://elsewhere.example/v2/x/referrers/y>; rel=\"next\""),
                indexOf(1)));
    try (OciClient client = client()) {
      expect(
          Kind.PROTOCOL,
          "next page link leaves the registry (elsewhere.example)",
          client.repository(viaProxy("edges/link")));
    }
  }

  @Test
  void nameUnknownFromTheReferrersApiIsNotFoundNotAFallback() {
    proxy.rule(
        (req, up) ->
            Reply.of(
                404,
                Map.of("Content-Type", "application/json"),
                "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}"
                    .getBytes()));
    try (OciClient client = client()) {
      expect(
          Kind.NOT_FOUND,
          "404 NAME_UNKNOWN repository name not known to registry",
          client.repository(viaProxy("edges/unknown")));
    }
    assertThat(count("GET", "/manifests/")).isZero();
  }

  @Test
  void aReferrersTagThatIsNotAnIndexIsAProtocolError() throws Exception {
    fixtures.pushRandomImage(registry.host(), "edges/tagclash:" + SUBJECT.tagForm());
    try (OciClient client = client()) {
      expect(
          Kind.PROTOCOL,
          "referrers tag "
              + SUBJECT.tagForm()
              + " holds "
              + MediaTypes.OCI_MANIFEST
              + ", not an image index",
          client.repository(viaProxy("edges/tagclash")));
    }
  }

  @Test
  void aTokenRealmOverPlainHttpThatNobodyListedIsRefused() {
    proxy.rule(
        (req, up) ->
            Reply.of(
                401,
                Map.of(
                    "WWW-Authenticate",
                    "Bearer realm=\"http://auth.example.invalid/token\",service=\"x\""),
                new byte[0]));
    try (OciClient client = client()) {
      assertThatThrownBy(() -> client.resolve(viaProxy("edges/realm:v1")))
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
                assertThat(e.getMessage())
                    .contains(
                        "token realm auth.example.invalid uses plain http but is not listed as an insecure registry");
              });
    }
  }

  @Test
  void aFailingTokenEndpointIsUnauthorizedWithItsMessage() {
    String realm = "http://" + proxy.host() + "/token";
    proxy.rule(
        (req, up) ->
            req.path().equals("/token")
                ? Reply.of(
                    401,
                    Map.of("Content-Type", "application/json"),
                    "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}"
                        .getBytes())
                : Reply.of(
                    401,
                    Map.of("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"svc\""),
                    new byte[0]));
    try (OciClient client = client()) {
      assertThatThrownBy(() -> client.repository(viaProxy("edges/token")).manifest("v1"))
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
                assertThat(e.getMessage())
                    .contains(
                        "requesting a token from "
                            + proxy.host()
                            + "/token for scope repository:edges/token:pull",
                        "401 UNAUTHORIZED bad credentials");
              });
    }
  }

  /**
   * Token responses are read up to 1 MiB (TokenEndpoint): a token endpoint that answers more, with
   * or without announcing it, is cut off with TOO_LARGE and never read whole.
   */
  @Test
  void anOversizedTokenResponseIsTooLarge() {
    String realm = "http://" + proxy.host() + "/token";
    byte[] huge =
        ("{\"token\":\"" + "t".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    proxy.rule(
        (req, up) ->
            req.path().equals("/token")
                ? Reply.of(200, Map.of("Content-Type", "application/json"), huge)
                : Reply.of(
                    401,
                    Map.of("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"svc\""),
                    new byte[0]));
    try (OciClient client = client()) {
      assertThatThrownBy(() -> client.repository(viaProxy("edges/bigtoken")).manifest("v1"))
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
                assertThat(e.getMessage()).contains("exceeds the limit of 1048576 bytes");
              });
    }
  }
}
