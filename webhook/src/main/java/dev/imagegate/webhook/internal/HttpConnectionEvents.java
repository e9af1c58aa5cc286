package dev.imagegate.webhook.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the JDK HTTP server's connection closes by cause into {@code
 * imagegate_http_connections_closed_total{reason}} (request_timeout, response_timeout, idle). The
 * JDK server exposes no hooks for these; it reports them only on its {@code com.sun.net.httpserver}
 * logger (a {@code java.util.logging} logger unless another System.Logger backend is installed),
 * whose records this handler counts and never prints. If a JDK changes those messages the counters
 * stay at zero (SlowClientTest notices).
 */
final class HttpConnectionEvents extends Handler {
  private static final Logger JDK_LOGGER = Logger.getLogger("com.sun.net.httpserver");

  private final Counter requestTimeouts;
  private final Counter responseTimeouts;
  private final Counter idle;

  private HttpConnectionEvents(MeterRegistry registry) {
    this.requestTimeouts = closed(registry, "request_timeout");
    this.responseTimeouts = closed(registry, "response_timeout");
    this.idle = closed(registry, "idle");
  }

  private static Counter closed(MeterRegistry registry, String reason) {
    return Counter.builder("imagegate.http.connections.closed")
        .description("Connections the HTTPS server closed, by reason")
        .tag("reason", reason)
        .register(registry);
  }

  /** Starts counting into {@code registry}; close the result to stop. */
  static HttpConnectionEvents attach(MeterRegistry registry) {
    HttpConnectionEvents events = new HttpConnectionEvents(registry);
    // FINER carries the JDK's TRACE records (idle closes); DEBUG (timeouts) maps to FINE.
    if (JDK_LOGGER.getLevel() == null
        || JDK_LOGGER.getLevel().intValue() > Level.FINER.intValue()) {
      JDK_LOGGER.setLevel(Level.FINER);
    }
    JDK_LOGGER.setUseParentHandlers(false);
    events.setLevel(Level.ALL);
    JDK_LOGGER.addHandler(events);
    return events;
  }

  @Override
  public void publish(LogRecord record) {
    String message = record.getMessage();
    if (message == null) {
      return;
    }
    if (message.startsWith("closing: no request")) {
      requestTimeouts.increment();
    } else if (message.startsWith("closing: no response")) {
      responseTimeouts.increment();
    } else if (message.startsWith("Closed idle connection")) {
      idle.increment();
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    JDK_LOGGER.removeHandler(this);
  }
}
