package dev.imagegate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.cli.demo.AdmissionReviews;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * One keep-alive HTTPS/1.1 connection that POSTs {@code admission.k8s.io/v1} AdmissionReviews (a
 * Pod CREATE with a fresh uid, the shape {@link AdmissionReviews} sends) with plain blocking socket
 * I/O. Much less CPU per request than {@code java.net.http} (no selector thread, no futures, no
 * JSON tree per request: the body is a template), so on a small machine the generator is less
 * likely to be what a latency figure measures. Not thread-safe: one per sending thread.
 */
final class RawReviewClient implements LoadRunner.Sender {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong UIDS = new AtomicLong();
  private static final String UID_MARK = "@@UID@@";

  private final SSLContext tls;
  private final int port;
  private final String path;
  private final Map<String, String> templates = new HashMap<>();
  // One connection, opened on the first send and after the server closed one; null in between.
  private @Nullable Socket socket;
  private @Nullable OutputStream out;
  private @Nullable InputStream in;

  RawReviewClient(SSLContext tls, int port, String path) {
    this.tls = tls;
    this.port = port;
    this.path = path;
  }

  @Override
  public boolean send(String image) throws IOException {
    String body = templates.computeIfAbsent(image, RawReviewClient::template);
    byte[] bytes =
        body.replace(UID_MARK, "load-" + UIDS.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
    try {
      OutputStream out = connect();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + bytes.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      return readResponse();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Connects and completes the TLS handshake now, so that a fixed-rate run does not count the
   * handshake of its first request as server latency.
   */
  @Override
  public void open() throws IOException {
    connect();
  }

  /** The open connection's output, connecting first when there is none. */
  private OutputStream connect() throws IOException {
    OutputStream current = out;
    if (socket == null || current == null) {
      javax.net.ssl.SSLSocket opened =
          (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
      opened.setTcpNoDelay(true);
      opened.startHandshake();
      socket = opened;
      current = new BufferedOutputStream(opened.getOutputStream(), 16 * 1024);
      out = current;
      in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
    }
    return current;
  }

  /** The open connection's input: a response is read only after {@link #connect} sent a request. */
  private InputStream input() {
    return java.util.Objects.requireNonNull(in, "a response is read after a request was sent");
  }

  /** Reads one response; true for a 200 whose review is allowed. */
  private boolean readResponse() throws IOException {
    String status = line();
    int length = -1;
    boolean close = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring(15).trim());
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    if (length < 0) {
      throw new IOException("response without Content-Length: " + status);
    }
    byte[] body = input().readNBytes(length);
    if (close) {
      close();
    }
    return status.startsWith("HTTP/1.1 200")
        && new String(body, StandardCharsets.UTF_8).contains("\"allowed\":true");
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    InputStream in = input();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed by the server");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  /**
   * The review of a Pod running {@code image}, as one line of JSON with {@value #UID_MARK} where
   * the uid goes (also the body file of the native generator, {@link NativeGenerator}).
   */
  static String template(String image) {
    ObjectNode object = AdmissionReviews.pod("default", "load", image);
    ObjectNode review =
        JSON.createObjectNode()
            .put("apiVersion", "admission.k8s.io/v1")
            .put("kind", "AdmissionReview");
    ObjectNode req = review.putObject("request");
    req.put("uid", UID_MARK);
    req.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
    req.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
    req.put("name", "load");
    req.put("namespace", "default");
    req.put("operation", "CREATE");
    req.putObject("userInfo").put("username", "bench");
    req.set("object", object);
    req.put("dryRun", false);
    try {
      return JSON.writeValueAsString(review);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    Socket open = socket;
    if (open != null) {
      try {
        open.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }
}
