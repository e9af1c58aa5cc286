package dev.imagegate.cel.internal;

import static dev.imagegate.cel.internal.Functions.classes;
import static dev.imagegate.cel.internal.Functions.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.bundle.CelBuilder;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Kyverno's {@code http} library ({@code http.get(url[, headers])}, {@code http.post(url, body[,
 * headers])}, {@code http.client(caBundle)} returning a context with {@code get}/{@code post}, and
 * the PascalCase aliases), registered only when the settings name allowed hosts: requests to any
 * other host (or another scheme than http/https) fail before a connection is made. Redirects are
 * not followed; requests time out after 10 s; responses are bounded. The result is the decoded JSON
 * body with {@code statusCode} added, or {@code {"body": <json or null>, "statusCode": n}}.
 */
final class HttpLibrary {
  static final OpaqueType CONTEXT = OpaqueType.create("http.Context");
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final int MAX_RESPONSE_BYTES = 4 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A client bound to the allow-list (and optionally to a CA bundle). */
  record Client(HttpClient http, Set<String> allowedHosts) {}

  private HttpLibrary() {}

  static void register(CelBuilder b, Set<String> allowedHosts) {
    if (allowedHosts.isEmpty()) {
      return;
    }
    Client base = new Client(newClient(null), allowedHosts);
    Functions f = new Functions();
    for (String pascal : List.of("", "_pascal")) {
      boolean p = !pascal.isEmpty();
      String get = p ? "Get" : "get";
      String post = p ? "Post" : "post";
      String client = p ? "Client" : "client";
      declare(f, base, "http." + get, "http." + post, "http." + client, pascal, false);
      declare(f, base, get, post, client, pascal, true);
    }
    f.install(b);
  }

  @SuppressWarnings("Immutable") // the client is thread-safe and never mutated
  private static void declare(
      Functions f,
      Client base,
      String get,
      String post,
      String client,
      String suffix,
      boolean member) {
    MapType headers = MapType.create(SimpleType.STRING, SimpleType.STRING);
    String kind = member ? "_member" : "_global";
    if (member) {
      f.member(
          get,
          "http_get_string" + kind + suffix,
          SimpleType.DYN,
          types(CONTEXT, SimpleType.STRING),
          classes(Client.class, String.class),
          a -> send((Client) a[0], "GET", (String) a[1], null, Map.of()));
      f.member(
          get,
          "http_get_string_map" + kind + suffix,
          SimpleType.DYN,
          types(CONTEXT, SimpleType.STRING, headers),
          classes(Client.class, String.class, Map.class),
          a -> send((Client) a[0], "GET", (String) a[1], null, (Map<?, ?>) a[2]));
      f.member(
          post,
          "http_post_string_dyn" + kind + suffix,
          SimpleType.DYN,
          types(CONTEXT, SimpleType.STRING, SimpleType.DYN),
          classes(Client.class, String.class, Object.class),
          a -> send((Client) a[0], "POST", (String) a[1], a[2], Map.of()));
      f.member(
          post,
          "http_post_string_dyn_map" + kind + suffix,
          SimpleType.DYN,
          types(CONTEXT, SimpleType.STRING, SimpleType.DYN, headers),
          classes(Client.class, String.class, Object.class, Map.class),
          a -> send((Client) a[0], "POST", (String) a[1], a[2], (Map<?, ?>) a[3]));
      return;
    }
    f.global(
        get,
        "http_get_string" + kind + suffix,
        SimpleType.DYN,
        types(SimpleType.STRING),
        classes(String.class),
        a -> send(base, "GET", (String) a[0], null, Map.of()));
    f.global(
        get,
        "http_get_string_map" + kind + suffix,
        SimpleType.DYN,
        types(SimpleType.STRING, headers),
        classes(String.class, Map.class),
        a -> send(base, "GET", (String) a[0], null, (Map<?, ?>) a[1]));
    f.global(
        post,
        "http_post_string_dyn" + kind + suffix,
        SimpleType.DYN,
        types(SimpleType.STRING, SimpleType.DYN),
        classes(String.class, Object.class),
        a -> send(base, "POST", (String) a[0], a[1], Map.of()));
    f.global(
        post,
        "http_post_string_dyn_map" + kind + suffix,
        SimpleType.DYN,
        types(SimpleType.STRING, SimpleType.DYN, headers),
        classes(String.class, Object.class, Map.class),
        a -> send(base, "POST", (String) a[0], a[1], (Map<?, ?>) a[2]));
    f.global(
        client,
        "http_client_string" + kind + suffix,
        CONTEXT,
        types(SimpleType.STRING),
        classes(String.class),
        a ->
            ((String) a[0]).isEmpty()
                ? base
                : new Client(newClient((String) a[0]), base.allowedHosts()));
  }

  private static HttpClient newClient(@Nullable String caBundle) {
    HttpClient.Builder b =
        HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER);
    if (caBundle != null) {
      try {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate c :
            CertificateFactory.getInstance("X.509")
                .generateCertificates(
                    new ByteArrayInputStream(caBundle.getBytes(StandardCharsets.UTF_8)))) {
          ks.setCertificateEntry("ca" + i++, c);
        }
        if (i == 0) {
          throw CelErrors.error("failed to parse PEM CA bundle for APICall");
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        b.sslContext(ssl);
      } catch (GeneralSecurityException | IOException e) {
        throw CelErrors.error("failed to parse PEM CA bundle for APICall");
      }
    }
    return b.build();
  }

  static void checkAllowed(String url, Set<String> allowed) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw CelErrors.error("http: invalid URL %s", url);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw CelErrors.error("http: scheme of %s is not http or https", url);
    }
    String hostPort = u.getPort() >= 0 ? host + ":" + u.getPort() : host;
    if (u.getRawUserInfo() != null || !(allowed.contains(host) || allowed.contains(hostPort))) {
      throw CelErrors.error("http: host %s is not in the allowed hosts", hostPort);
    }
  }

  private static Object send(
      Client c, String method, String url, @Nullable Object body, Map<?, ?> headers) {
    checkAllowed(url, c.allowedHosts());
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
    headers.forEach((k, v) -> r.header(String.valueOf(k), String.valueOf(v)));
    if (method.equals("POST")) {
      r.POST(HttpRequest.BodyPublishers.ofString(GoJson.marshal(body) + "\n"));
    } else {
      r.GET();
    }
    HttpResponse<InputStream> resp;
    try {
      resp = c.http().send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw CelErrors.error("request failed: %s", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CelErrors.error("request failed: interrupted");
    }
    Object decoded = dev.cel.common.values.NullValue.NULL_VALUE;
    try (InputStream in = resp.body()) {
      byte[] data = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      if (data.length > MAX_RESPONSE_BYTES) {
        throw CelErrors.error("http: response larger than %d bytes", MAX_RESPONSE_BYTES);
      }
      try {
        decoded = GoJson.toCelFloats(JSON.readTree(data));
      } catch (JsonProcessingException e) {
        decoded = dev.cel.common.values.NullValue.NULL_VALUE;
      }
    } catch (IOException e) {
      throw CelErrors.error("request failed: %s", e.getMessage());
    }
    long status = resp.statusCode();
    if (decoded instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>(m);
      out.put("statusCode", status);
      return out;
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    out.put("body", decoded);
    out.put("statusCode", status);
    return out;
  }
}
