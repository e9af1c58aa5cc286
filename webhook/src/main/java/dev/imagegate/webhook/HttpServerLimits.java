package dev.imagegate.webhook;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Limits of the JDK HTTPS server against slow or numerous clients (issue 12, finding 6): a
 * connection that has not sent its whole request (headers and body) within {@code requestTimeout}
 * is closed, as is one whose response is not taken within {@code responseTimeout}, or that stays
 * idle between requests for {@code idleTimeout}; connections beyond {@code maxConnections} are
 * closed as they are accepted; requests with more than {@code maxRequestHeaders} header lines or
 * {@code maxRequestHeaderBytes} of headers are refused.
 *
 * <p>The JDK reads these from system properties ({@code sun.net.httpserver.maxReqTime}, {@code
 * maxRspTime}, {@code idleInterval}, {@code maxReqHeaders}, {@code maxReqHeaderSize}, {@code
 * jdk.httpserver.maxConnections}) once, when the first server of the process starts: they are
 * process-wide, and {@link #install} must run before that. A property already given on the command
 * line ({@code -D}) is left as given. The timeouts have a resolution of one second. The connection
 * bound is enforced and counted by imagegate's own accepting channel when the JVM opens {@code
 * jdk.httpserver/sun.net.httpserver} to it (every launcher does), else by the JDK's property.
 */
public record HttpServerLimits(
    int maxConnections,
    int maxRequestHeaders,
    int maxRequestHeaderBytes,
    Duration requestTimeout,
    Duration responseTimeout,
    Duration idleTimeout) {
  private static final String MAX_CONNECTIONS = "jdk.httpserver.maxConnections";
  private static final String MAX_HEADERS = "sun.net.httpserver.maxReqHeaders";
  private static final String MAX_HEADER_BYTES = "sun.net.httpserver.maxReqHeaderSize";
  private static final String REQUEST_TIME = "sun.net.httpserver.maxReqTime";
  private static final String RESPONSE_TIME = "sun.net.httpserver.maxRspTime";
  private static final String IDLE = "sun.net.httpserver.idleInterval";

  private static @Nullable HttpServerLimits installed;

  public HttpServerLimits {
    if (maxConnections < 1 || maxRequestHeaders < 1 || maxRequestHeaderBytes < 1024) {
      throw new IllegalArgumentException(
          "HTTP limits too small: connections "
              + maxConnections
              + ", headers "
              + maxRequestHeaders
              + ", header bytes "
              + maxRequestHeaderBytes);
    }
    for (Duration d : new Duration[] {requestTimeout, responseTimeout, idleTimeout}) {
      if (d.toSeconds() < 1) {
        throw new IllegalArgumentException("HTTP timeouts are whole seconds, at least 1: " + d);
      }
    }
  }

  /**
   * Safe for an admission webhook: the API server sends a request (at most 3 MiB) at once and keeps
   * a few connections alive; the response timeout leaves room for the review deadline.
   */
  public static HttpServerLimits defaults() {
    return new HttpServerLimits(
        512, 64, 64 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  /**
   * Puts these limits into the JDK's properties (those not set on the command line) unless a server
   * already started; returns the limits in force for this process.
   */
  public static synchronized HttpServerLimits install(HttpServerLimits limits) {
    if (installed == null) {
      if (!dev.imagegate.webhook.internal.CountingServerChannel.available()) {
        // Without access to the JDK server's channel the JDK enforces the bound (uncounted);
        // with it, imagegate's own channel enforces and counts it (CountingServerChannel).
        setIfAbsent(MAX_CONNECTIONS, limits.maxConnections());
      }
      setIfAbsent(MAX_HEADERS, limits.maxRequestHeaders());
      setIfAbsent(MAX_HEADER_BYTES, limits.maxRequestHeaderBytes());
      setIfAbsent(REQUEST_TIME, limits.requestTimeout().toSeconds());
      setIfAbsent(RESPONSE_TIME, limits.responseTimeout().toSeconds());
      setIfAbsent(IDLE, limits.idleTimeout().toSeconds());
      installed =
          new HttpServerLimits(
              Integer.getInteger(MAX_CONNECTIONS, limits.maxConnections()),
              Integer.getInteger(MAX_HEADERS, limits.maxRequestHeaders()),
              Integer.getInteger(MAX_HEADER_BYTES, limits.maxRequestHeaderBytes()),
              Duration.ofSeconds(Long.getLong(REQUEST_TIME, limits.requestTimeout().toSeconds())),
              Duration.ofSeconds(Long.getLong(RESPONSE_TIME, limits.responseTimeout().toSeconds())),
              Duration.ofSeconds(Long.getLong(IDLE, limits.idleTimeout().toSeconds())));
    }
    return installed;
  }

  /** The limits in force: those installed first, else the defaults (installed now). */
  public static HttpServerLimits inForce() {
    return install(defaults());
  }

  /** For the {@code imagegate_http_limit} gauge: name to value (seconds for timeouts). */
  public Map<String, Long> asGaugeValues() {
    Map<String, Long> values = new LinkedHashMap<>();
    values.put("max_connections", (long) maxConnections);
    values.put("max_request_headers", (long) maxRequestHeaders);
    values.put("max_request_header_bytes", (long) maxRequestHeaderBytes);
    values.put("request_timeout_seconds", requestTimeout.toSeconds());
    values.put("response_timeout_seconds", responseTimeout.toSeconds());
    values.put("idle_timeout_seconds", idleTimeout.toSeconds());
    return values;
  }

  private static void setIfAbsent(String property, long value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Long.toString(value));
    }
  }
}
