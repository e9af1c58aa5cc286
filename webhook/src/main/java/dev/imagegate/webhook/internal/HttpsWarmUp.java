package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.engine.PolicyEngine;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The second part of the start-up warm-up: admission reviews over HTTPS through the webhook's own
 * server code (a loopback twin of the serving server, {@link WebhookServer#startLoopback}) with the
 * connection life of a real cluster: TLS handshakes among the requests, keep-alive connections of 1
 * to 50 requests, request heads and bodies in one TLS record or two, bodies over one record, and
 * connections ended with a {@code close_notify}, a reset, or the end of the TCP stream without a
 * {@code close_notify}. The JIT compiles only the branches it has seen: without these, the first
 * connection a client closed or opened after the server's TLS and HTTP code was compiled threw that
 * code away ({@code ServerImpl$Exchange.run}, {@code SSLStreams$InputStream.read}, {@code
 * SSLEngineInputRecord.decodeInputRecord}, {@code SSLStreams$EngineWrapper.recvAndUnwrap}: uncommon
 * traps) and C2 compiled it again on the serving core under load (docs/benchmarks.md, sessions 10
 * and 11).
 */
final class HttpsWarmUp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CONNECTIONS = 4;
  // Requests on one connection, in turn: short lives make handshakes and closes frequent.
  private static final int[] REQUESTS_PER_CONNECTION = {1, 5, 20, 50};
  // An annotation this long puts the review over one TLS record (16 KB).
  private static final int LARGE_ANNOTATION = 24 * 1024;
  private static final int TIMEOUT_MILLIS = 10_000;

  /** Reviews answered, how many allowed, and connections opened. */
  record Report(int reviews, int allowed, int connections) {}

  private HttpsWarmUp() {}

  /**
   * Sends up to {@code reviews} reviews of Pods running {@code images} (verified and cached by the
   * warm-up engine already) to a loopback server answering with {@code engine}, stopping at {@code
   * stop}. The server uses the serving certificate and key of {@code serving}; the client trusts
   * that certificate only.
   */
  static Report run(
      WebhookOptions serving,
      PolicyEngine engine,
      List<WarmUpRegistry.SignedImage> images,
      int reviews,
      Instant stop,
      Clock clock)
      throws Exception {
    SSLContext tls = trusting(PemKeyMaterial.load(serving.tlsCert(), serving.tlsKey()));
    List<Body> bodies = bodies(images, serving.maxRequestBytes());
    CurrentEngine engines = new CurrentEngine();
    engines.replace(engine);
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger allowed = new AtomicInteger();
    AtomicInteger opened = new AtomicInteger();
    try (WebhookServer server = WebhookServer.startLoopback(serving, engines);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CONNECTIONS; c++) {
        clients.add(
            pool.submit(
                () -> {
                  while (sent.get() < reviews && clock.instant().isBefore(stop)) {
                    int number = opened.getAndIncrement();
                    int requests = REQUESTS_PER_CONNECTION[number % REQUESTS_PER_CONNECTION.length];
                    try (Connection connection = new Connection(tls, server.port(), number)) {
                      for (int r = 0;
                          r < requests
                              && sent.getAndIncrement() < reviews
                              && clock.instant().isBefore(stop);
                          r++) {
                        Body body = bodies.get((number + r) % bodies.size());
                        boolean mutate = (number + r) % 2 == 1;
                        boolean ok =
                            connection.review(
                                mutate ? "/mutate" : "/validate",
                                mutate ? body.tagged() : body.pinned(),
                                r % 2 == 1);
                        answered.incrementAndGet();
                        if (ok) {
                          allowed.incrementAndGet();
                        }
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> client : clients) {
        client.get();
      }
    }
    return new Report(answered.get(), allowed.get(), opened.get());
  }

  /** A client context whose only trust anchor is the serving certificate. */
  private static SSLContext trusting(PemKeyMaterial material) throws GeneralSecurityException {
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      anchors.setCertificateEntry("serving", material.leaf());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(anchors);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      return tls;
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot build an in-memory trust store", e);
    }
  }

  /**
   * A review with the image as the Pod author wrote it (for the mutating webhook) and with the
   * image pinned to its digest (for the validating one, which sees the Pod after mutation).
   */
  private record Body(byte[] tagged, byte[] pinned) {
    static Body of(WarmUpRegistry.SignedImage image, int annotationLength) {
      return new Body(
          review(image.reference(), annotationLength), review(image.pinned(), annotationLength));
    }
  }

  /**
   * Reviews of a small Pod per image, and of a Pod whose review spans TLS records when the server's
   * {@code --max-request-bytes} allows it.
   */
  private static List<Body> bodies(List<WarmUpRegistry.SignedImage> images, int maxRequestBytes) {
    List<Body> bodies = new ArrayList<>();
    for (WarmUpRegistry.SignedImage image : images) {
      bodies.add(Body.of(image, 0));
    }
    Body large = Body.of(images.get(0), LARGE_ANNOTATION);
    // Only when the server accepts it: a refused body would end the connection and the warm-up.
    if (large.pinned().length <= maxRequestBytes) {
      bodies.add(large);
    }
    return bodies;
  }

  private static byte[] review(String image, int annotationLength) {
    ObjectNode pod = StartupWarmUp.pod(image);
    if (annotationLength > 0) {
      pod.withObject("/metadata")
          .putObject("annotations")
          .put("imagegate.dev/warm-up", "x".repeat(annotationLength));
    }
    ObjectNode review =
        JSON.createObjectNode()
            .put("apiVersion", "admission.k8s.io/v1")
            .put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request").put("uid", "imagegate-warm-up");
    request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
    request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
    request.put("name", "imagegate-warm-up").put("namespace", "default").put("operation", "CREATE");
    request.putObject("userInfo").put("username", "system:imagegate-warm-up");
    request.set("object", pod);
    return review.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** How a client ends a connection; the warm-up uses each in turn, as clients do all three. */
  enum Ending {
    /** TLS {@code close_notify}, then the TCP close (a client closing an idle connection). */
    CLOSE_NOTIFY,
    /** A TCP reset without {@code close_notify} (a client process killed, a proxy giving up). */
    RESET,
    /**
     * The TCP close without {@code close_notify}: the server reads the end of the stream (a client
     * exiting, such as the native load generator of the benchmarks).
     */
    END_OF_STREAM;

    static Ending of(int connectionNumber) {
      return values()[connectionNumber % values().length];
    }
  }

  /** One keep-alive HTTP/1.1 connection, ended the {@link Ending} way of its number. */
  private static final class Connection implements AutoCloseable {
    private final Socket tcp;
    private final SSLSocket socket;
    private final OutputStream out;
    private final InputStream in;
    private final Ending ending;

    Connection(SSLContext tls, int port, int number) throws IOException {
      this.tcp = new Socket();
      tcp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
      // A server that stops answering must not keep the webhook unready past the budget for long.
      tcp.setSoTimeout(TIMEOUT_MILLIS);
      tcp.setTcpNoDelay(true);
      this.socket =
          (SSLSocket)
              tls.getSocketFactory()
                  .createSocket(tcp, tcp.getInetAddress().getHostAddress(), port, false);
      this.out = socket.getOutputStream();
      this.in = new BufferedInputStream(socket.getInputStream());
      this.ending = Ending.of(number);
    }

    /** POSTs one review (head and body in one write, or two); true if the answer allows it. */
    boolean review(String path, byte[] body, boolean split) throws IOException {
      byte[] head =
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      if (split) {
        out.write(head);
        out.write(body);
      } else {
        byte[] whole = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, whole, head.length, body.length);
        out.write(whole);
      }
      out.flush();
      return answer().contains("\"allowed\":true");
    }

    /** The body of the next response (the server always sends a Content-Length). */
    private String answer() throws IOException {
      int length = -1;
      for (String line = line(); !line.isEmpty(); line = line()) {
        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      if (length < 0) {
        throw new IOException("an answer without Content-Length");
      }
      return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("connection closed by the warm-up server");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }

    @Override
    public void close() throws IOException {
      switch (ending) {
        case CLOSE_NOTIFY -> {
          socket.close();
          tcp.close();
        }
        case RESET -> {
          tcp.setSoLinger(true, 0);
          tcp.close();
        }
        case END_OF_STREAM -> tcp.close();
      }
    }
  }
}
