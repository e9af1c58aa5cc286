package dev.imagegate.cli.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A read-only OCI distribution endpoint on loopback, plain HTTP, serving one OCI image layout under
 * every repository name: manifests by tag ({@code org.opencontainers.image.ref.name}) or digest,
 * HEAD and GET, and blobs. The referrers API answers 404 as the CNCF distribution registry 2.8
 * does, so a client takes the referrers-tag fallback, as against most registries. Enough for a
 * verification, nothing more (no uploads, no auth, no pagination).
 */
public final class LayoutRegistry implements AutoCloseable {
  private static final Pattern ROUTE =
      Pattern.compile("^/v2/(.+)/(manifests|blobs|referrers)/([^/]+)$");
  private static final Pattern SHA256 = Pattern.compile("^sha256:([0-9a-f]{64})$");

  private record Entry(String mediaType, String digest) {}

  private final Path blobs;
  private final Map<String, Entry> byTag = new HashMap<>();
  private final Map<String, Entry> byDigest = new HashMap<>();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  private LayoutRegistry(Path layout) throws IOException {
    this.blobs = layout.resolve("blobs/sha256");
    JsonNode index = new ObjectMapper().readTree(layout.resolve("index.json").toFile());
    for (JsonNode m : index.path("manifests")) {
      Entry e = new Entry(m.path("mediaType").asText(), m.path("digest").asText());
      byDigest.put(e.digest(), e);
      String tag = m.path("annotations").path("org.opencontainers.image.ref.name").asText("");
      if (!tag.isEmpty()) {
        byTag.put(tag, e);
      }
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/v2/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Serves the OCI image layout at {@code layout} until closed. */
  public static LayoutRegistry start(Path layout) throws IOException {
    return new LayoutRegistry(layout);
  }

  /** {@code 127.0.0.1:PORT}, the registry host of image references. */
  public String host() {
    return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (path.equals("/v2/")) {
        send(ex, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), null);
        return;
      }
      Matcher m = ROUTE.matcher(path);
      if (!m.matches() || !(ex.getRequestMethod().equals("GET") || isHead(ex))) {
        error(ex, 404, "NAME_UNKNOWN");
        return;
      }
      String ref = m.group(3);
      switch (m.group(2)) {
        case "manifests" -> {
          Entry e = ref.startsWith("sha256:") ? byDigest.get(ref) : byTag.get(ref);
          byte[] body = e == null ? null : blob(e.digest());
          if (e == null || body == null) {
            error(ex, 404, "MANIFEST_UNKNOWN");
          } else {
            send(ex, 200, e.mediaType(), body, e.digest());
          }
        }
        case "blobs" -> {
          byte[] body = blob(ref);
          if (body == null) {
            error(ex, 404, "BLOB_UNKNOWN");
          } else {
            send(ex, 200, "application/octet-stream", body, ref);
          }
        }
        default -> error(ex, 404, "UNSUPPORTED"); // referrers: as distribution 2.8
      }
    }
  }

  private byte @Nullable [] blob(String digest) throws IOException {
    Matcher m = SHA256.matcher(digest);
    if (!m.matches()) {
      return null;
    }
    Path p = blobs.resolve(m.group(1));
    return Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
  }

  private static boolean isHead(HttpExchange ex) {
    return ex.getRequestMethod().equals("HEAD");
  }

  private static void error(HttpExchange ex, int status, String code) throws IOException {
    String body = "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"not found\"}]}";
    send(ex, status, "application/json", body.getBytes(StandardCharsets.UTF_8), null);
  }

  private static void send(
      HttpExchange ex, int status, String type, byte[] body, @Nullable String digest)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
    if (digest != null) {
      ex.getResponseHeaders().set("Docker-Content-Digest", digest);
    }
    if (isHead(ex)) {
      ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
