package dev.imagegate.cli.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainingRunTest {
  /** The checkout root: tests run in cli/. */
  private static Path home() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("demo")) ? here : here.getParent();
  }

  @Test
  void trainingWorkloadVerifiesTheDemoImageThroughTheLoopbackRegistry() throws IOException {
    assertThat(TrainingRun.run(home())).isTrue();
  }

  @Test
  void missingDemoIsAnError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TrainingRun.run(Path.of("does-not-exist")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no demo layout");
  }

  @Test
  void layoutRegistryServesManifestsBlobsAndRefusesReferrers() throws Exception {
    try (LayoutRegistry r = LayoutRegistry.start(home().resolve("demo/cosign/layout"));
        HttpClient http = HttpClient.newHttpClient()) {
      String base = "http://" + r.host() + "/v2/any/repo/";
      HttpResponse<String> head =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "manifests/signed"))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(head.statusCode()).isEqualTo(200);
      String digest = head.headers().firstValue("Docker-Content-Digest").orElseThrow();
      assertThat(digest)
          .isEqualTo("sha256:0f6976752d6486db432c0cbef72aa307cb2d4d642f25ceb4915b5a233f54095e");

      HttpResponse<String> byDigest = get(http, base + "manifests/" + digest);
      assertThat(byDigest.statusCode()).isEqualTo(200);
      assertThat(byDigest.headers().firstValue("Content-Type"))
          .hasValue("application/vnd.docker.distribution.manifest.v2+json");
      String config =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(byDigest.body())
              .path("config")
              .path("digest")
              .asText();
      HttpResponse<String> blob = get(http, base + "blobs/" + config);
      assertThat(blob.statusCode()).isEqualTo(200);
      assertThat(blob.headers().firstValue("Docker-Content-Digest")).hasValue(config);

      assertThat(get(http, base + "manifests/no-such-tag").statusCode()).isEqualTo(404);
      assertThat(get(http, base + "referrers/" + digest).statusCode()).isEqualTo(404);
      assertThat(get(http, base + "blobs/sha256:" + "0".repeat(64)).statusCode()).isEqualTo(404);
      assertThat(get(http, base + "blobs/../../etc/passwd").statusCode()).isEqualTo(404);
      assertThat(get(http, "http://" + r.host() + "/v2/").statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
