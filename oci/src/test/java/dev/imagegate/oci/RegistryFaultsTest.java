package dev.imagegate.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.oci.RegistryException.Kind;
import dev.imagegate.testkit.FaultProxy.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Throttling, size limits, tampering, odd media types and slowness, injected in front of a real
 * registry.
 */
class RegistryFaultsTest extends ProxiedRegistryTestBase {

  private static RegistryException thrown(ThrowingCall call) {
    try {
      call.run();
    } catch (RegistryException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a RegistryException", e);
    }
    throw new AssertionError("expected a RegistryException, nothing was thrown");
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void retries429HonouringRetryAfterThenSucceeds() throws Exception {
    String digest = fixtures.pushRandomImage(registry.host(), "faults/throttled:v1");
    AtomicInteger throttled = new AtomicInteger();
    proxy.rule(
        (req, up) ->
            req.path().contains("/manifests/") && throttled.getAndIncrement() == 0
                ? Reply.of(
                    429,
                    Map.of("Retry-After", "1"),
                    "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}"
                        .getBytes())
                : null);
    try (OciClient client = client()) {
      assertThat(client.resolve(viaProxy("faults/throttled:v1"))).hasToString(digest);
    }
    assertThat(count("HEAD", "/manifests/v1")).isEqualTo(2);
  }

  @Test
  void a503StormEndsAfterBoundedRetriesAsRateLimited() {
    fixtures.pushRandomImage(registry.host(), "faults/storm:v1");
    proxy.rule(
        (req, up) ->
            req.path().startsWith("/v2/faults/")
                ? Reply.of(503, Map.of(), "busy".getBytes())
                : null);
    try (OciClient client = client()) {
      RegistryException e =
          thrown(() -> client.repository(viaProxy("faults/storm")).manifest("v1"));
      assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.getMessage())
          .isEqualTo(
              "fetching manifest v1 of "
                  + proxy.host()
                  + "/faults/storm: 503 busy (after 4 attempts)");
    }
    assertThat(count("GET", "/manifests/v1"))
        .isEqualTo(1 + OciClientConfig.defaults().maxRetries());
  }

  @Test
  void aRetryAfterBeyondTheDeadlineFailsAtOnce() {
    proxy.rule((req, up) -> Reply.of(429, Map.of("Retry-After", "3600"), new byte[0]));
    try (OciClient client = client()) {
      RegistryException e =
          thrown(() -> client.repository(viaProxy("faults/later")).manifest("v1"));
      assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
      assertThat(e.getMessage()).contains("asks to retry in 3600000 ms, past the deadline");
    }
    assertThat(proxy.requests()).hasSize(1);
  }

  @Test
  void anOversizedManifestIsRefusedByContentLengthWithoutReadingIt() {
    long huge = 512L * 1024 * 1024;
    proxy.rule(
        (req, up) ->
            req.path().contains("/manifests/")
                ? Reply.streamed(200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), huge)
                : null);
    try (OciClient client = client()) {
      RegistryException e = thrown(() -> client.repository(viaProxy("faults/huge")).manifest("v1"));
      assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
      assertThat(e.getMessage())
          .contains("fetching manifest v1", "Content-Length " + huge, "limit of 4194304 bytes");
    }
    assertThat(proxy.streamedBytesSent()).isLessThan(huge / 4);
  }

  @Test
  void anOversizedChunkedManifestIsCutOffAtTheLimit() {
    proxy.rule(
        (req, up) ->
            req.path().contains("/manifests/")
                ? Reply.streamed(200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), -1)
                : null);
    try (OciClient client = client()) {
      RegistryException e =
          thrown(() -> client.repository(viaProxy("faults/endless")).manifest("v1"));
      assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
      assertThat(e.getMessage()).contains("more than 4194304 bytes");
    }
  }

  @Test
  void tamperedManifestsAndBlobsAreDigestMismatches() throws Exception {
    String digest = fixtures.pushRandomImage(registry.host(), "faults/tampered:v1");
    proxy.rule(
        (req, up) -> {
          if (!req.method().equals("GET")
              || !(req.path().contains("/manifests/") || req.path().contains("/blobs/"))) {
            return null;
          }
          Reply real = up.forward(req);
          byte[] body = Arrays.copyOf(real.body(), real.body().length + 1);
          body[body.length - 1] = ' ';
          return Reply.of(real.status(), real.headers(), body);
        });
    try (OciClient client = client()) {
      Repository repo = client.repository(viaProxy("faults/tampered"));
      RegistryException byDigest = thrown(() -> repo.manifest(digest));
      assertThat(byDigest.kind()).isEqualTo(Kind.DIGEST_MISMATCH);
      assertThat(byDigest.getMessage()).contains("does not hash to the requested digest " + digest);
      RegistryException byTag = thrown(() -> repo.manifest("v1"));
      assertThat(byTag.kind()).isEqualTo(Kind.DIGEST_MISMATCH);
      assertThat(byTag.getMessage()).contains("Docker-Content-Digest " + digest);
      proxy.clearRules();
      Manifest.ImageManifest m =
          (Manifest.ImageManifest) repo.manifest(digest).orElseThrow().content();
      proxy.rule(
          (req, up) -> {
            Reply real = up.forward(req);
            byte[] body = real.body().clone();
            if (req.path().contains("/blobs/") && body.length > 0) {
              body[0] ^= 1;
            }
            return Reply.of(real.status(), real.headers(), body);
          });
      RegistryException blob = thrown(() -> repo.blob(m.config(), 1 << 20));
      assertThat(blob.kind()).isEqualTo(Kind.DIGEST_MISMATCH);
      assertThat(blob.getMessage())
          .contains("fetching blob " + m.config().digest(), "does not hash to");
    }
  }

  @Test
  void anUnknownManifestMediaTypeIsUnsupported() {
    byte[] schema1 =
        "{\"schemaVersion\":1,\"name\":\"faults/old\",\"tag\":\"v1\",\"fsLayers\":[]}"
            .getBytes(StandardCharsets.UTF_8);
    proxy.rule(
        (req, up) ->
            Reply.of(
                200,
                Map.of("Content-Type", "application/vnd.docker.distribution.manifest.v1+prettyjws"),
                schema1));
    try (OciClient client = client()) {
      RegistryException e = thrown(() -> client.repository(viaProxy("faults/old")).manifest("v1"));
      assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED);
      assertThat(e.getMessage())
          .contains(
              "unsupported manifest media type 'application/vnd.docker.distribution.manifest.v1+prettyjws'");
    }
  }

  @Test
  void aSlowRegistryTimesOutAtTheDeadline() {
    proxy.rule((req, up) -> Reply.of(200, Map.of(), new byte[0]).delayed(10_000));
    try (OciClient client = client(Duration.ofMillis(300))) {
      RegistryException e = thrown(() -> client.resolve(viaProxy("faults/slow:v1")));
      assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
      assertThat(e.getMessage())
          .startsWith("resolving v1 of " + proxy.host() + "/faults/slow: timed out after ")
          .contains("ms (deadline 300 ms)");
    }
  }

  @Test
  void registryErrorBodiesBecomeMessages() {
    proxy.rule(
        (req, up) ->
            Reply.of(
                403,
                Map.of("Content-Type", "application/json"),
                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"
                    .getBytes()));
    try (OciClient client = client()) {
      RegistryException e =
          thrown(() -> client.repository(viaProxy("faults/denied")).manifest("v1"));
      assertThat(e.kind()).isEqualTo(Kind.DENIED);
      assertThat(e.getMessage())
          .isEqualTo(
              "fetching manifest v1 of "
                  + proxy.host()
                  + "/faults/denied: 403 DENIED requested access to the resource is denied");
    }
  }

  @Test
  void headWithoutDigestFallsBackToGetAndHashes() throws Exception {
    String digest = fixtures.pushRandomImage(registry.host(), "faults/nohead:v1");
    proxy.rule(
        (req, up) -> req.method().equals("HEAD") ? Reply.of(405, Map.of(), new byte[0]) : null);
    try (OciClient client = client()) {
      assertThat(client.resolve(viaProxy("faults/nohead:v1"))).hasToString(digest);
    }
    assertThat(count("GET", "/manifests/v1")).isEqualTo(1);
  }
}
