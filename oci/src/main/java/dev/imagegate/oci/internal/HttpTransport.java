package dev.imagegate.oci.internal;

import dev.imagegate.oci.RegistryException;
import dev.imagegate.oci.RegistryException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP exchange with a bounded body, within the operation's deadline, following redirects
 * itself so that the Authorization header never travels to another origin (blob downloads are
 * redirected to storage hosts) and https is never downgraded to http.
 */
final class HttpTransport implements AutoCloseable {
  static final int MAX_REDIRECTS = 5;
  static final String USER_AGENT = "imagegate-oci/0.1";
  private final Duration connectTimeout;

  /**
   * Created on first use: a run that only reads OCI layouts never starts the client's selector or
   * TLS.
   */
  private volatile @Nullable HttpClient http;

  /**
   * For plain-HTTP registries ({@code --insecure-registry}): never does TLS, so it gets an SSL
   * context that refuses TLS ({@link NoTlsContext}) instead of the default one, whose creation
   * parses the whole system trust store on every start. A redirect to an https location uses {@link
   * #http} and full certificate checks.
   */
  private volatile @Nullable HttpClient plain;

  /**
   * What to send. {@code formBody} non-null makes it a POST of {@code
   * application/x-www-form-urlencoded}.
   */
  record Exchange(
      String method,
      URI uri,
      List<String> accept,
      @Nullable String authorization,
      @Nullable String formBody,
      long maxBodyBytes,
      boolean crossOriginRedirects) {
    /** An exchange that follows redirects on its own origin only. */
    Exchange(
        String method,
        URI uri,
        List<String> accept,
        @Nullable String authorization,
        @Nullable String formBody,
        long maxBodyBytes) {
      this(method, uri, accept, authorization, formBody, maxBodyBytes, false);
    }
  }

  HttpTransport(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  private HttpClient client(URI uri) {
    boolean tls = !"http".equalsIgnoreCase(uri.getScheme());
    HttpClient c = tls ? http : plain;
    if (c == null) {
      synchronized (this) {
        c = tls ? http : plain;
        if (c == null) {
          // One client per scheme for the process: each pools connections per origin (h2 over TLS
          // where offered).
          HttpClient.Builder b =
              HttpClient.newBuilder()
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .connectTimeout(connectTimeout);
          if (!tls) {
            b.sslContext(NoTlsContext.create());
          }
          c = b.build();
          if (tls) {
            http = c;
          } else {
            plain = c;
          }
        }
      }
    }
    return c;
  }

  RegistryResponse exchange(Exchange x, Call call) throws RegistryException {
    URI uri = x.uri();
    String authorization = x.authorization();
    for (int hop = 0; ; hop++) {
      RegistryResponse r = once(x, uri, authorization, call);
      if (!isRedirect(r.status())) {
        if (!sameOrigin(x.uri(), uri) && r.status() / 100 != 2) {
          // Another host's error text never reaches messages: a registry could point a redirect at
          // an internal address (cloud metadata) and read the answer in the deny message.
          return new RegistryResponse(r.status(), r.headers(), new byte[0], r.uri());
        }
        return r;
      }
      String location = r.header("location");
      if (location == null) {
        throw new RegistryException(
            Kind.PROTOCOL,
            r.status(),
            call.description() + ": redirect " + r.status() + " without Location",
            null);
      }
      if (hop >= MAX_REDIRECTS) {
        throw new RegistryException(
            Kind.PROTOCOL,
            r.status(),
            call.description() + ": more than " + MAX_REDIRECTS + " redirects",
            null);
      }
      URI next;
      try {
        next = uri.resolve(location.trim());
      } catch (IllegalArgumentException e) {
        throw new RegistryException(
            Kind.PROTOCOL, r.status(), call.description() + ": unusable redirect Location", e);
      }
      if (!"https".equals(next.getScheme()) && !"http".equals(next.getScheme())) {
        throw new RegistryException(
            Kind.PROTOCOL, r.status(), call.description() + ": redirect to a non-HTTP URL", null);
      }
      if ("https".equals(uri.getScheme()) && "http".equals(next.getScheme())) {
        throw new RegistryException(
            Kind.PROTOCOL,
            r.status(),
            call.description() + ": refusing a redirect from https to http " + next.getHost(),
            null);
      }
      if (!sameOrigin(uri, next)) {
        if (!x.crossOriginRedirects()) {
          // Registries redirect blob downloads to storage; a manifest, tag list, referrers list or
          // token request sent elsewhere is refused (issue 12, finding 4).
          throw new RegistryException(
              Kind.PROTOCOL,
              r.status(),
              call.description()
                  + ": refusing a redirect to another host ("
                  + RegistryErrors.printable(String.valueOf(next.getAuthority()))
                  + "); only blob downloads may be redirected",
              null);
        }
        authorization = null;
      }
      uri = next;
    }
  }

  private RegistryResponse once(Exchange x, URI uri, @Nullable String authorization, Call call)
      throws RegistryException {
    long remaining = call.remainingMillis();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMillis(remaining))
            .header("User-Agent", USER_AGENT);
    if ("http".equals(uri.getScheme())) {
      // No h2c upgrade dance on plain connections: registries and storage proxies speak HTTP/1.1
      // there.
      b.version(HttpClient.Version.HTTP_1_1);
    }
    if (!x.accept().isEmpty()) {
      b.header("Accept", String.join(", ", x.accept()));
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (x.formBody() != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
      b.POST(HttpRequest.BodyPublishers.ofString(x.formBody()));
    } else {
      b.method(x.method(), HttpRequest.BodyPublishers.noBody());
    }
    call.countExchange();
    CompletableFuture<HttpResponse<byte[]>> f =
        client(uri)
            .sendAsync(
                b.build(), new BoundedBodyHandler(x.maxBodyBytes(), "HEAD".equals(x.method())));
    try {
      HttpResponse<byte[]> resp = f.get(remaining, TimeUnit.MILLISECONDS);
      byte[] body = resp.body() == null ? new byte[0] : resp.body();
      return new RegistryResponse(resp.statusCode(), resp.headers(), body, uri);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw call.timeout(e);
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new RegistryException(Kind.NETWORK, 0, call.description() + ": interrupted", e);
    } catch (ExecutionException e) {
      throw failure(e.getCause(), uri, call);
    }
  }

  private static RegistryException failure(@Nullable Throwable t, URI uri, Call call) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BoundedBodyHandler.BodyTooLargeException big) {
        return new RegistryException(
            Kind.TOO_LARGE, 200, call.description() + ": " + big.getMessage(), big);
      }
      if (c instanceof HttpTimeoutException) {
        return call.timeout(c);
      }
    }
    String what =
        t == null
            ? "unknown error"
            : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    return new RegistryException(
        Kind.NETWORK,
        0,
        call.description()
            + ": cannot reach "
            + uri.getScheme()
            + "://"
            + uri.getAuthority()
            + ": "
            + what,
        t instanceof IOException ? t : new IOException(t));
  }

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && Objects.equals(a.getHost(), b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
  }

  @Override
  public void close() {
    for (HttpClient c : new HttpClient[] {http, plain}) {
      if (c != null) {
        c.shutdownNow();
      }
    }
  }
}
