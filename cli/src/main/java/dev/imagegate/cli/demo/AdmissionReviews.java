package dev.imagegate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * Sends {@code admission.k8s.io/v1} AdmissionReviews to the webhook the way the API server does.
 */
public final class AdmissionReviews {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final URI base;

  public AdmissionReviews(SSLContext tls, int port) {
    this.http =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    this.base = URI.create("https://127.0.0.1:" + port);
  }

  public static ObjectNode pod(String namespace, String name, String image) {
    ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    pod.putObject("metadata").put("name", name).put("namespace", namespace);
    pod.putObject("spec").putArray("containers").addObject().put("name", "app").put("image", image);
    return pod;
  }

  /**
   * POSTs a CREATE review of {@code object} to {@code path} ({@code /mutate} or {@code /validate});
   * returns the response.
   */
  public JsonNode review(String path, ObjectNode object) throws Exception {
    ObjectNode review =
        JSON.createObjectNode()
            .put("apiVersion", "admission.k8s.io/v1")
            .put("kind", "AdmissionReview");
    ObjectNode req = review.putObject("request");
    req.put("uid", UUID.randomUUID().toString());
    req.putObject("kind")
        .put("group", "")
        .put("version", "v1")
        .put("kind", object.path("kind").asText());
    req.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
    req.put("name", object.path("metadata").path("name").asText());
    req.put("namespace", object.path("metadata").path("namespace").asText());
    req.put("operation", "CREATE");
    req.putObject("userInfo").put("username", "demo-user");
    req.set("object", object);
    req.put("dryRun", false);
    HttpRequest post =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(review)))
            .build();
    HttpResponse<byte[]> resp = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
    if (resp.statusCode() != 200) {
      throw new IllegalStateException(
          "webhook answered HTTP "
              + resp.statusCode()
              + ": "
              + new String(resp.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return JSON.readTree(resp.body()).path("response");
  }
}
