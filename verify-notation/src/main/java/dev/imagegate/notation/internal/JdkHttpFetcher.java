package dev.imagegate.notation.internal;

import dev.imagegate.notation.HttpFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@link HttpFetcher} over the JDK client; responses are read up to a bound, never whole into
 * memory first.
 */
public final class JdkHttpFetcher implements HttpFetcher {
  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Override
  public byte[] get(URI uri, Duration timeout, int maxBytes) throws IOException {
    return send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), maxBytes);
  }

  @Override
  public byte[] post(URI uri, String contentType, byte[] body, Duration timeout, int maxBytes)
      throws IOException {
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        maxBytes);
  }

  private byte[] send(HttpRequest request, int maxBytes) throws IOException {
    try {
      HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        if (r.statusCode() / 100 != 2) {
          throw new IOException(
              request.method() + " " + request.uri() + " returned HTTP " + r.statusCode());
        }
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
          throw new IOException(request.uri() + " returned more than " + maxBytes + " bytes");
        }
        return bytes;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + request.uri(), e);
    }
  }
}
