package dev.imagegate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.imagegate.testkit.FaultProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings 4 and 5 of issue 12 through real HTTPS reviews: a hostile registry (a {@link FaultProxy}
 * in front of a real registry with cosign-signed images) redirects and stalls.
 */
class RegistryHardeningTest {
  private static final int TAGS = 12;
  @TempDir static Path work;
  static RealGate gate;
  static FaultProxy proxy;

  @BeforeAll
  static void images() {
    gate = RealGate.start(work);
    gate.pushSigned("x/app:signed", "k1");
    for (int i = 0; i < TAGS; i++) {
      RealGate.PEERS.runOk(
          work,
          Map.of("HOME", work.toString()),
          "crane",
          "tag",
          gate.host() + "/x/app:signed",
          "t" + i);
    }
    proxy = FaultProxy.start(gate.host());
  }

  @AfterEach
  void clearProxy() {
    proxy.clearRules();
    proxy.clearRequests();
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (gate != null) {
      gate.close();
    }
  }

  /**
   * Finding 4: a manifest request redirected to another host (a cloud metadata address, say) is not
   * followed, and nothing that host says reaches the deny message.
   */
  @Test
  void manifestRedirectToAnotherHostIsRefusedAndNeverEchoed() throws Exception {
    AtomicInteger metadataHits = new AtomicInteger();
    HttpServer metadata =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    metadata.createContext(
        "/",
        exchange -> {
          metadataHits.incrementAndGet();
          byte[] body =
              "{\"errors\":[{\"code\":\"SECRET\",\"message\":\"AccessKeyId=AKIA-METADATA-SECRET\"}]}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(404, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    metadata.start();
    try {
      String location =
          "http://127.0.0.1:" + metadata.getAddress().getPort() + "/latest/meta-data/iam";
      proxy.rule(
          (request, upstream) ->
              request.path().contains("/manifests/")
                  ? FaultProxy.Reply.of(307, Map.of("Location", location), new byte[0])
                  : null);
      RealGate.Server server =
          gate.serve(
              List.of(gate.policy("enforce", proxy.host() + "/*", "k1", "Enforce")),
              "--insecure-registry",
              proxy.host());

      JsonNode response =
          server.review(
              "/mutate",
              Reviews.create("redirect", Reviews.pod("r", proxy.host() + "/x/app:signed")));

      assertThat(response.path("allowed").asBoolean()).isFalse();
      assertThat(response.at("/status/message").asText())
          .contains("refusing a redirect to another host")
          .doesNotContain("AKIA-METADATA-SECRET", "SECRET");
      assertThat(metadataHits).hasValue(0);
    } finally {
      metadata.stop(0);
    }
  }

  /**
   * Finding 5: once a review is answered (here: denied at its deadline), its registry work stops.
   * Every registry answer is slow, so the answer comes while the first requests are in flight;
   * after they return no new request may be made. Counts requests, never measures speed.
   */
  @Test
  void registryWorkStopsWhenTheReviewIsAnswered() throws Exception {
    proxy.rule((request, upstream) -> upstream.forward(request).delayed(4000));
    RealGate.Server server =
        gate.serve(
            List.of(gate.policy("enforce", proxy.host() + "/*", "k1", "Enforce")),
            "--insecure-registry",
            proxy.host(),
            "--review-deadline-ms",
            "2000");
    List<String> images = new ArrayList<>();
    for (int i = 0; i < TAGS; i++) {
      images.add(proxy.host() + "/x/app:t" + i);
    }

    JsonNode response =
        server.review(
            "/mutate", Reviews.create("many", Reviews.pod("many", images.toArray(String[]::new))));
    assertThat(response.path("allowed").asBoolean()).isFalse();
    Thread.sleep(500); // grace: requests sent just before the answer may still arrive
    int atAnswer = proxy.requests().size();
    // The slow answers to the requests in flight return within this time; today's code went on
    // with the signature lookups then.
    Thread.sleep(7000);

    assertThat(proxy.requests().subList(atAnswer, proxy.requests().size()))
        .as("registry requests after the review was answered")
        .isEmpty();
    assertThat(atAnswer).isPositive();
  }
}
