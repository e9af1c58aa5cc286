package dev.imagegate.webhook.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/** Small helpers for the JDK HTTP server: bounded body reads and complete responses. */
final class HttpExchanges {
  /** Most we read and discard from an oversized body before answering 413. */
  private static final long DRAIN_LIMIT_BYTES = 16L * 1024 * 1024;

  private HttpExchanges() {}

  /**
   * Reads the body, refusing more than {@code maxBytes}: a declared Content-Length over the limit
   * is refused before reading anything, and a chunked body is cut off one byte past the limit.
   */
  static byte[] readBody(HttpExchange exchange, int maxBytes) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    InputStream in = exchange.getRequestBody();
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw new BadRequestException(400, "invalid Content-Length: " + declared);
      }
      if (length > maxBytes) {
        throw tooLarge(exchange, maxBytes);
      }
      // The usual case (the API server always declares the length): read straight into an array
      // of that size, without an intermediate buffer or copy. The JDK server's stream ends at the
      // declared length; a client that sends less ends the body early, as before.
      byte[] body = new byte[(int) Math.max(0, length)];
      int n = in.readNBytes(body, 0, body.length);
      return n == body.length ? body : Arrays.copyOf(body, n);
    }
    // Chunked (rare: the API server declares the length): read at most one byte past the limit.
    byte[] body = in.readNBytes(maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1);
    if (body.length > maxBytes) {
      throw tooLarge(exchange, maxBytes);
    }
    return body;
  }

  /**
   * Discards (without buffering) what the client is still sending, up to {@link
   * #DRAIN_LIMIT_BYTES}, so that it reads our 413 instead of failing on a reset connection; then
   * the connection is closed.
   */
  private static BadRequestException tooLarge(HttpExchange exchange, int maxBytes) {
    try {
      InputStream in = exchange.getRequestBody();
      long skipped = 0;
      byte[] sink = new byte[16 * 1024];
      for (int n = in.read(sink); n >= 0 && skipped < DRAIN_LIMIT_BYTES; n = in.read(sink)) {
        skipped += n;
      }
    } catch (IOException e) {
      // The client stopped sending; the answer may still reach it.
    }
    exchange.getResponseHeaders().set("Connection", "close");
    return new BadRequestException(413, "request body larger than " + maxBytes + " bytes");
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static void sendJson(HttpExchange exchange, int status, byte[] body) throws IOException {
    send(exchange, status, "application/json", body);
  }

  static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", AdmissionReviewCodec.utf8(text));
  }

  /** Whether the exchange targets exactly {@code path}: JDK contexts also match longer paths. */
  static boolean isExactly(HttpExchange exchange, String path) {
    return path.equals(exchange.getRequestURI().getPath());
  }
}
