package dev.imagegate.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A read-only OCI distribution endpoint on loopback (plain HTTP) serving content held in memory,
 * under every repository name: manifests by tag or digest and blobs, GET and HEAD. The referrers
 * API answers 404, as the CNCF distribution registry 2.8 does, so a client takes the referrers-tag
 * fallback, as against most registries. It exists so that code can run the real verification path
 * against a registry of its own: the webhook's start-up warm-up and the CLI's AOT-cache training
 * run. Enough for a verification, nothing more (no uploads, no authentication, no pagination).
 * Content may be added while it serves.
 */
public final class LoopbackRegistry implements AutoCloseable {
  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
  private static final Pattern ROUTE =
      Pattern.compile("^/v2/(.+)/(manifests|blobs|referrers)/([^/]+)$");

  private record Content(String mediaType, byte[] bytes, String digest) {}

  private final Map<String, Content> manifests = new ConcurrentHashMap<>();
  private final Map<String, Content> blobs = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> tagReads = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpServer server;

  private LoopbackRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/v2/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts an empty registry on a free loopback port. */
  public static LoopbackRegistry start() throws IOException {
    return new LoopbackRegistry();
  }

  /** {@code 127.0.0.1:PORT}, the registry host of image references. */
  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Adds a blob; returns its digest ({@code sha256:<hex>}). */
  public String addBlob(byte[] bytes) {
    Content content = new Content("application/octet-stream", bytes.clone(), digest(bytes));
    blobs.put(content.digest(), content);
    return content.digest();
  }

  /**
   * Adds a manifest of {@code mediaType}, reachable by its digest and, when {@code tag} is not
   * null, by that tag; returns its digest.
   */
  public String addManifest(String mediaType, byte[] bytes, @Nullable String tag) {
    Content content = new Content(mediaType, bytes.clone(), digest(bytes));
    manifests.put(content.digest(), content);
    if (tag != null) {
      manifests.put(tag, content);
    }
    return content.digest();
  }

  /** How many times a manifest was asked for (GET or HEAD) by {@code tag}, found or not. */
  public int tagReads(String tag) {
    AtomicInteger reads = tagReads.get(tag);
    return reads == null ? 0 : reads.get();
  }

  private static String digest(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/v2/")) {
        send(exchange, 200, new Content("application/json", "{}".getBytes(UTF8), ""));
        return;
      }
      Matcher m = ROUTE.matcher(path);
      String method = exchange.getRequestMethod();
      if (!m.matches() || !(method.equals("GET") || method.equals("HEAD"))) {
        error(exchange, "NAME_UNKNOWN");
        return;
      }
      switch (m.group(2)) {
        case "manifests" -> {
          String reference = m.group(3);
          if (reference.indexOf(':') < 0) {
            tagReads.computeIfAbsent(reference, t -> new AtomicInteger()).incrementAndGet();
          }
          found(exchange, manifests.get(reference), "MANIFEST_UNKNOWN");
        }
        case "blobs" -> found(exchange, blobs.get(m.group(3)), "BLOB_UNKNOWN");
        default -> error(exchange, "UNSUPPORTED"); // referrers: as distribution 2.8
      }
    }
  }

  private static void found(HttpExchange exchange, @Nullable Content content, String code)
      throws IOException {
    if (content == null) {
      error(exchange, code);
    } else {
      send(exchange, 200, content);
    }
  }

  private static void error(HttpExchange exchange, String code) throws IOException {
    String body = "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"not found\"}]}";
    send(exchange, 404, new Content("application/json", body.getBytes(UTF8), ""));
  }

  private static void send(HttpExchange exchange, int status, Content content) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", content.mediaType());
    exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
    if (!content.digest().isEmpty()) {
      exchange.getResponseHeaders().set("Docker-Content-Digest", content.digest());
    }
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.getResponseHeaders().set("Content-Length", String.valueOf(content.bytes().length));
    exchange.sendResponseHeaders(status, head ? -1 : content.bytes().length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(content.bytes());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
