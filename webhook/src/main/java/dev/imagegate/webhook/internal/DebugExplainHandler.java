package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.imagegate.engine.AdmissionPhase;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /debug/explain?uid=U}: the recorded decisions for a recent admission uid (rule
 * results, images, timings). {@code POST /debug/explain} with an AdmissionReview: evaluates it in
 * both phases without recording anything and returns the same explanation, for "why would this be
 * denied?" questions.
 */
public final class DebugExplainHandler implements HttpHandler {
  private static final String PATH = "/debug/explain";
  private final WebhookContext context;

  public DebugExplainHandler(WebhookContext context) {
    this.context = context;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        if (!HttpExchanges.isExactly(exchange, PATH)) {
          throw new BadRequestException(
              404, "no such endpoint: " + exchange.getRequestURI().getPath());
        }
        switch (exchange.getRequestMethod()) {
          case "GET" -> lookup(exchange);
          case "POST" -> evaluate(exchange);
          default ->
              throw new BadRequestException(
                  405, PATH + " accepts GET ?uid= or POST an AdmissionReview");
        }
      } catch (BadRequestException e) {
        context.metrics().httpError(e.status());
        HttpExchanges.sendJson(exchange, e.status(), context.codec().error(e.getMessage()));
      } catch (RuntimeException e) {
        context.metrics().httpError(500);
        HttpExchanges.sendJson(
            exchange, 500, context.codec().error("internal error; see imagegate logs"));
      }
    }
  }

  private void lookup(HttpExchange exchange) throws IOException {
    String uid =
        queryParameter(exchange, "uid")
            .orElseThrow(() -> new BadRequestException(400, "missing query parameter uid"));
    ObjectNode found =
        context
            .explanations()
            .find(uid)
            .orElseThrow(() -> new BadRequestException(404, "no recent review with uid " + uid));
    HttpExchanges.sendJson(exchange, 200, context.codec().toBytes(found));
  }

  private void evaluate(HttpExchange exchange) throws IOException {
    Instant received = context.clock().instant();
    long started = System.nanoTime();
    AdmissionRequest request =
        context
            .codec()
            .parse(HttpExchanges.readBody(exchange, context.options().maxRequestBytes()));
    ReviewService.Reviewed reviewed =
        context.reviews().review(request, AdmissionPhase.BOTH, received);
    AdmissionAnswer answer =
        context.answers().answer(request, AdmissionPhase.MUTATE, reviewed.outcome());
    ObjectNode explanation =
        context
            .explanations()
            .explain(
                "explain",
                request,
                reviewed,
                answer,
                Duration.ofNanos(System.nanoTime() - started),
                received);
    HttpExchanges.sendJson(exchange, 200, context.codec().toBytes(explanation));
  }

  private static Optional<String> queryParameter(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    if (query.length() > WebhookLimits.MAX_QUERY_CHARS) {
      throw new BadRequestException(400, "query string too long");
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        try {
          return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8))
              .filter(value -> !value.isBlank());
        } catch (IllegalArgumentException e) {
          throw new BadRequestException(400, "malformed query parameter " + name);
        }
      }
    }
    return Optional.empty();
  }
}
