package dev.imagegate.webhook.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A read-only OCI distribution endpoint on loopback (plain HTTP) holding images signed in memory
 * the way {@code cosign sign} signs them (a {@code sha256-<hex>.sig} manifest whose simple-signing
 * layer carries the ECDSA signature), with a key made for the run: the registry of {@link
 * StartupWarmUp}. The referrers API answers 404, as the CNCF distribution registry 2.8 does, so a
 * verification takes the same fallback path as against most registries.
 */
final class WarmUpRegistry implements AutoCloseable {
  static final String REPOSITORY = "imagegate/warm-up";
  private static final Pattern ROUTE =
      Pattern.compile("^/v2/(.+)/(manifests|blobs|referrers)/([^/]+)$");
  private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String CONFIG = "application/vnd.oci.image.config.v1+json";

  private record Content(String mediaType, byte[] bytes, String digest) {}

  private final KeyPair key;
  private final Map<String, Content> manifests = new ConcurrentHashMap<>();
  private final Map<String, Content> blobs = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpServer server;
  private final Content config;

  private WarmUpRegistry(KeyPair key) throws IOException {
    this.key = key;
    this.config =
        blob(
            CONFIG,
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/v2/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts an empty registry with a new P-256 signing key. */
  static WarmUpRegistry start() throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return new WarmUpRegistry(generator.generateKeyPair());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no P-256 key generator", e);
    }
  }

  /** {@code 127.0.0.1:PORT}. */
  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** The public key that verifies every signature of this registry, PEM. */
  String publicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * Adds image number {@code n}, signed, as {@code HOST/REPOSITORY:tag-n}; returns that reference.
   */
  String addSignedImage(int n) {
    Content layer = blob("application/vnd.oci.image.layer.v1.tar", "imagegate warm-up image " + n);
    Content image = manifest(MANIFEST, manifestJson(layer, ""), "tag-" + n);
    Content payload =
        blob(
            "application/vnd.dev.cosign.simplesigning.v1+json",
            "{\"critical\":{\"identity\":{\"docker-reference\":\""
                + host()
                + "/"
                + REPOSITORY
                + "\"},\"image\":{\"docker-manifest-digest\":\""
                + image.digest()
                + "\"},\"type\":\"cosign container image signature\"},\"optional\":null}");
    String signature = sign(payload.bytes());
    manifest(
        MANIFEST,
        manifestJson(
            payload,
            ",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"" + signature + "\"}"),
        image.digest().replace(':', '-') + ".sig");
    return host() + "/" + REPOSITORY + ":tag-" + n;
  }

  private String manifestJson(Content layer, String layerAnnotations) {
    return "{\"schemaVersion\":2,\"mediaType\":\""
        + MANIFEST
        + "\",\"config\":"
        + descriptor(config, "")
        + ",\"layers\":["
        + descriptor(layer, layerAnnotations)
        + "]}";
  }

  private static String descriptor(Content content, String annotations) {
    return "{\"mediaType\":\""
        + content.mediaType()
        + "\",\"digest\":\""
        + content.digest()
        + "\",\"size\":"
        + content.bytes().length
        + annotations
        + "}";
  }

  private String sign(byte[] payload) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(key.getPrivate());
      s.update(payload);
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("signing with a fresh P-256 key failed", e);
    }
  }

  private Content blob(String mediaType, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Content content = new Content(mediaType, bytes, digest(bytes));
    blobs.put(content.digest(), content);
    return content;
  }

  private Content manifest(String mediaType, String json, String tag) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Content content = new Content(mediaType, bytes, digest(bytes));
    manifests.put(content.digest(), content);
    manifests.put(tag, content);
    return content;
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
        send(exchange, new Content("application/json", "{}".getBytes(StandardCharsets.UTF_8), ""));
        return;
      }
      Matcher m = ROUTE.matcher(path);
      Content content = null;
      if (m.matches() && m.group(1).equals(REPOSITORY)) {
        content =
            switch (m.group(2)) {
              case "manifests" -> manifests.get(m.group(3));
              case "blobs" -> blobs.get(m.group(3));
              default -> null; // referrers: unsupported, as on registry 2.8
            };
      }
      if (content == null) {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      send(exchange, content);
    }
  }

  private static void send(HttpExchange exchange, Content content) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", content.mediaType());
    if (!content.digest().isEmpty()) {
      exchange.getResponseHeaders().set("Docker-Content-Digest", content.digest());
    }
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.getResponseHeaders().set("Content-Length", String.valueOf(content.bytes().length));
    exchange.sendResponseHeaders(200, head ? -1 : content.bytes().length);
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
