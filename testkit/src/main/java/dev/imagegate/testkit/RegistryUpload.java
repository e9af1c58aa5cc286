package dev.imagegate.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Pushes raw blobs and manifests to a plain-HTTP registry (distribution spec monolithic upload),
 * for fixtures no tool writes: Docker manifest lists, hand-made referrers-tag indexes, odd media
 * types.
 */
public final class RegistryUpload {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String host;
  private final @Nullable String authorization;

  public RegistryUpload(String host) {
    this(host, null, null);
  }

  /** With basic credentials (a registry behind htpasswd). */
  public RegistryUpload(String host, @Nullable String user, @Nullable String password) {
    this.host = host;
    this.authorization =
        user == null
            ? null
            : "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(
                        (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Uploads a blob; returns its digest. */
  public String blob(String repo, byte[] bytes) {
    String digest = sha256(bytes);
    HttpResponse<String> start =
        send(
            HttpRequest.newBuilder(URI.create("http://" + host + "/v2/" + repo + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            202);
    String location = start.headers().firstValue("location").orElseThrow();
    URI upload = URI.create("http://" + host + "/").resolve(location);
    String sep = upload.getRawQuery() == null ? "?" : "&";
    send(
        HttpRequest.newBuilder(URI.create(upload + sep + "digest=" + digest))
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build(),
        201);
    return digest;
  }

  /** Puts a manifest at {@code reference} (a tag or its digest); returns its digest. */
  public String manifest(String repo, String reference, String mediaType, byte[] bytes) {
    send(
        HttpRequest.newBuilder(
                URI.create("http://" + host + "/v2/" + repo + "/manifests/" + reference))
            .header("Content-Type", mediaType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build(),
        201);
    return sha256(bytes);
  }

  private HttpResponse<String> send(HttpRequest request, int expected) {
    if (authorization != null) {
      request =
          HttpRequest.newBuilder(request, (k, v) -> true)
              .header("Authorization", authorization)
              .build();
    }
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != expected) {
        throw new IllegalStateException(
            request.method()
                + " "
                + request.uri()
                + " answered "
                + r.statusCode()
                + ": "
                + r.body());
      }
      return r;
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
