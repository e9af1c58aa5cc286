package dev.imagegate.webhook.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.imagegate.engine.AdmissionPhase;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code POST /mutate} and {@code POST /validate}: one AdmissionReview in, one out, always with the
 * request's uid. Protocol errors get a 4xx with a JSON message; nothing a client sends produces a
 * stack trace.
 */
public final class AdmissionHandler implements HttpHandler {
  private static final JsonLog LOG = JsonLog.forClass(AdmissionHandler.class);

  private final String path;
  private final String webhook;
  private final AdmissionPhase phase;
  private final WebhookContext context;

  public AdmissionHandler(String webhook, AdmissionPhase phase, WebhookContext context) {
    this.webhook = webhook;
    this.path = "/" + webhook;
    this.phase = phase;
    this.context = context;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Clock clock = context.clock();
    Instant received = clock.instant();
    long started = System.nanoTime();
    try (exchange) {
      try {
        if (!HttpExchanges.isExactly(exchange, path)) {
          throw new BadRequestException(
              404, "no such endpoint: " + exchange.getRequestURI().getPath());
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
          exchange.getResponseHeaders().set("Allow", "POST");
          throw new BadRequestException(405, path + " accepts POST only");
        }
        requireJson(exchange);
        byte[] body = HttpExchanges.readBody(exchange, context.options().maxRequestBytes());
        AdmissionRequest request = context.codec().parse(body);
        AdmissionAnswer answer = review(request, received, started);
        HttpExchanges.sendJson(exchange, 200, context.codec().response(answer));
      } catch (BadRequestException e) {
        context.metrics().httpError(e.status());
        LOG.warn(
            "request refused", "webhook", webhook, "status", e.status(), "reason", e.getMessage());
        HttpExchanges.sendJson(exchange, e.status(), context.codec().error(e.getMessage()));
      } catch (IOException e) {
        // The client went away or sent a broken stream; there is nobody left to answer.
        LOG.warn("connection failed", "webhook", webhook, "reason", e.toString());
      } catch (RuntimeException e) {
        context.metrics().httpError(500);
        LOG.error("internal error answering an admission review", e, "webhook", webhook);
        HttpExchanges.sendJson(
            exchange, 500, context.codec().error("internal error; see imagegate logs"));
      }
    }
  }

  private AdmissionAnswer review(AdmissionRequest request, Instant received, long started) {
    context.metrics().reviewStarted();
    ReviewService.Reviewed reviewed = null;
    AdmissionAnswer answer = null;
    try {
      reviewed = context.reviews().review(request, phase, received);
      answer = context.answers().answer(request, phase, reviewed.outcome());
      return answer;
    } finally {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      String label = reviewed == null ? "error" : reviewed.outcome().label();
      context
          .metrics()
          .reviewFinished(
              webhook,
              label,
              elapsed,
              reviewed == null ? java.util.Map.of() : ExplainStore.phases(reviewed.outcome()));
      if (reviewed != null && reviewed.outcome() instanceof ReviewOutcome.EngineFailed failed) {
        LOG.error("engine failed on a review", failed.error(), "uid", request.uid());
      }
      if (reviewed != null && answer != null) {
        logReview(request, reviewed, answer, elapsed);
        context.deprecations().reviewed(webhook, request, reviewed);
        report(request, reviewed);
        if (context.options().debugEndpoints()) {
          context.explanations().record(webhook, request, reviewed, answer, elapsed, received);
        }
      }
    }
  }

  /**
   * One PolicyReport per admission, from the validating pass (the mutating pass would report the
   * same rules twice); never for dry runs, which the API server does not persist.
   */
  private void report(AdmissionRequest request, ReviewService.Reviewed reviewed) {
    if (phase != dev.imagegate.engine.AdmissionPhase.VALIDATE
        || request.dryRun()
        || !(reviewed.outcome() instanceof ReviewOutcome.Decided decided)
        || request.object() == null) {
      return;
    }
    com.fasterxml.jackson.databind.node.ObjectNode report =
        dev.imagegate.engine.PolicyReports.of(
            request.object(), decided.decision(), context.clock().instant());
    if (report != null) {
      try {
        context.reports().publish(report);
      } catch (RuntimeException e) {
        LOG.warn("policy report not published", "uid", request.uid(), "reason", e.toString());
      }
    }
  }

  private void logReview(
      AdmissionRequest request,
      ReviewService.Reviewed reviewed,
      AdmissionAnswer answer,
      Duration elapsed) {
    if (!context.logReviews()) {
      return;
    }
    JsonLog.Level level =
        reviewed.outcome() instanceof ReviewOutcome.Decided
                || reviewed.outcome() instanceof ReviewOutcome.Skipped
            ? JsonLog.Level.INFO
            : JsonLog.Level.WARN;
    LOG.log(
        level,
        "admission review",
        null,
        request.logFields(
            webhook,
            "operation",
            request.operation(),
            "dry_run",
            request.dryRun(),
            "allowed",
            answer.allowed(),
            "outcome",
            reviewed.outcome().label(),
            "duration_ms",
            elapsed.toMillis(),
            "policy_version",
            reviewed.policyVersion(),
            "reason",
            answer.message(),
            "warnings",
            answer.warnings().isEmpty() ? null : answer.warnings(),
            "patches",
            answer.patches().isEmpty() ? null : answer.patches().size()));
  }

  private static void requireJson(HttpExchange exchange) {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new BadRequestException(415, "expected Content-Type application/json, got " + type);
    }
  }
}
