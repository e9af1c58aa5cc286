package dev.imagegate.webhook.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/** {@code /healthz}, {@code /readyz}, {@code /metrics} and the catch-all 404. */
public final class OperationalHandlers {
  private OperationalHandlers() {}

  /** Live while the process serves HTTP at all. */
  public static HttpHandler health() {
    return exchange ->
        getOnly(exchange, "/healthz", () -> HttpExchanges.sendText(exchange, 200, "ok\n"));
  }

  /**
   * Ready once an engine built from the policies is installed; until then the Service sends no
   * reviews here.
   */
  public static HttpHandler ready(BooleanSupplier ready) {
    return ready(ready, java.util.List::of);
  }

  /**
   * As {@link #ready(BooleanSupplier)}, naming the policies of the serving set that are not applied
   * because Kyverno's admission validation refuses them (still ready: the others serve).
   */
  public static HttpHandler ready(
      BooleanSupplier ready, java.util.function.Supplier<java.util.List<String>> invalid) {
    return exchange ->
        getOnly(
            exchange,
            "/readyz",
            () -> {
              if (ready.getAsBoolean()) {
                StringBuilder body = new StringBuilder("ok\n");
                for (String policy : invalid.get()) {
                  body.append("invalid policy not applied: ").append(policy).append('\n');
                }
                HttpExchanges.sendText(exchange, 200, body.toString());
              } else {
                HttpExchanges.sendText(exchange, 503, "policies not loaded\n");
              }
            });
  }

  public static HttpHandler metrics(WebhookMetrics metrics) {
    return exchange ->
        getOnly(
            exchange,
            "/metrics",
            () ->
                HttpExchanges.send(
                    exchange,
                    200,
                    "text/plain; version=0.0.4; charset=utf-8",
                    AdmissionReviewCodec.utf8(metrics.scrape())));
  }

  public static HttpHandler notFound(WebhookMetrics metrics) {
    return exchange -> {
      try (exchange) {
        metrics.httpError(404);
        HttpExchanges.sendText(exchange, 404, "no such endpoint\n");
      }
    };
  }

  private interface Body {
    void write() throws IOException;
  }

  private static void getOnly(HttpExchange exchange, String path, Body body) throws IOException {
    try (exchange) {
      if (!HttpExchanges.isExactly(exchange, path)) {
        HttpExchanges.sendText(exchange, 404, "no such endpoint\n");
      } else if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        HttpExchanges.sendText(exchange, 405, path + " accepts GET only\n");
      } else {
        body.write();
      }
    }
  }
}
