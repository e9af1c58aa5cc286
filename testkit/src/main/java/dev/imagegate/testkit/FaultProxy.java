package dev.imagegate.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP server in front of a real registry that forwards requests unless a rule answers
 * first, so tests can make a real registry misbehave: challenges, throttling, tampering, redirects,
 * slowness. Rules are tried in the order added; every request is recorded.
 */
public final class FaultProxy implements AutoCloseable {
  private static final Set<String> FORWARDED_RESPONSE_HEADERS =
      Set.of(
          "content-type",
          "docker-content-digest",
          "location",
          "link",
          "www-authenticate",
          "oci-filters-applied",
          "retry-after");
  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient upstreamClient =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String upstream;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicLong bodyBytesSent = new AtomicLong();

  /** A received request. Header names are lower case. */
  public record Request(
      String method, String path, @Nullable String query, Map<String, List<String>> headers) {
    public @Nullable String header(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public String toString() {
      return method + " " + path + (query == null ? "" : "?" + query);
    }
  }

  /**
   * An answer. {@code body} is sent as given unless {@code streamedLength} is set: then that many
   * bytes (or endless, for -1 with chunked encoding) of filler are written until the client hangs
   * up.
   */
  public record Reply(
      int status,
      Map<String, String> headers,
      byte[] body,
      long delayMillis,
      @Nullable Long streamedLength) {
    public static Reply of(int status, Map<String, String> headers, byte[] body) {
      return new Reply(status, headers, body, 0, null);
    }

    public Reply delayed(long millis) {
      return new Reply(status, headers, body, millis, streamedLength);
    }

    public static Reply streamed(int status, Map<String, String> headers, long length) {
      return new Reply(status, headers, new byte[0], 0, length);
    }
  }

  /** Sends a request on to the real registry. */
  public interface Upstream {
    Reply forward(Request request) throws IOException;
  }

  /** Answers a request, or returns null to let the next rule (finally the registry) answer. */
  @FunctionalInterface
  public interface Rule {
    Reply answer(Request request, Upstream upstream) throws IOException;
  }

  private FaultProxy(String upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fault-proxy");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a proxy forwarding to {@code http://upstreamHost} (for example {@link
   * LocalRegistry#host()}).
   */
  public static FaultProxy start(String upstreamHost) {
    try {
      return new FaultProxy(upstreamHost);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fault proxy", e);
    }
  }

  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public FaultProxy rule(Rule rule) {
    rules.add(rule);
    return this;
  }

  public void clearRules() {
    rules.clear();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public void clearRequests() {
    requests.clear();
  }

  /** Bytes of streamed filler bodies written so far (to check that a client stopped reading). */
  public long streamedBytesSent() {
    return bodyBytesSent.get();
  }

  private final Upstream forwarder = this::forward;

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, List<String>> headers = new java.util.HashMap<>();
      ex.getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
      Request req =
          new Request(
              ex.getRequestMethod(),
              ex.getRequestURI().getRawPath(),
              ex.getRequestURI().getRawQuery(),
              Map.copyOf(headers));
      requests.add(req);
      Reply reply = null;
      for (Rule r : rules) {
        reply = r.answer(req, forwarder);
        if (reply != null) {
          break;
        }
      }
      if (reply == null) {
        reply = forward(req);
      }
      send(ex, req, reply);
    } catch (IOException | RuntimeException e) {
      // the client hung up (expected when it stops reading) or a rule failed: nothing more to say
    }
  }

  private void send(HttpExchange ex, Request req, Reply reply) throws IOException {
    if (reply.delayMillis() > 0) {
      try {
        Thread.sleep(reply.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    boolean head = req.method().equals("HEAD");
    if (reply.streamedLength() != null) {
      long n = reply.streamedLength();
      ex.sendResponseHeaders(reply.status(), n < 0 ? 0 : n);
      byte[] chunk = new byte[16 * 1024];
      java.util.Arrays.fill(chunk, (byte) 'x');
      try (OutputStream out = ex.getResponseBody()) {
        for (long sent = 0; n < 0 || sent < n; sent += chunk.length) {
          int len = (int) (n < 0 ? chunk.length : Math.min(chunk.length, n - sent));
          out.write(chunk, 0, len);
          bodyBytesSent.addAndGet(len);
        }
      }
      return;
    }
    byte[] body = reply.body() == null ? new byte[0] : reply.body();
    if (head || body.length == 0) {
      if (head && body.length > 0) {
        ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      }
      ex.sendResponseHeaders(reply.status(), -1);
      return;
    }
    ex.sendResponseHeaders(reply.status(), body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private Reply forward(Request req) throws IOException {
    URI uri =
        URI.create(
            "http://" + upstream + req.path() + (req.query() == null ? "" : "?" + req.query()));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(req.method(), HttpRequest.BodyPublishers.noBody());
    String accept = req.header("accept");
    if (accept != null) {
      b.header("Accept", accept);
    }
    try {
      HttpResponse<InputStream> r =
          upstreamClient.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = r.body()) {
        body = in.readAllBytes();
      }
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      r.headers()
          .map()
          .forEach(
              (k, v) -> {
                if (FORWARDED_RESPONSE_HEADERS.contains(k.toLowerCase(java.util.Locale.ROOT))
                    && !v.isEmpty()) {
                  headers.put(k, v.get(0));
                }
              });
      if (req.method().equals("HEAD")) {
        r.headers().firstValue("content-length").ifPresent(v -> headers.put("Content-Length", v));
      }
      return Reply.of(r.statusCode(), headers, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    upstreamClient.shutdownNow();
  }
}
