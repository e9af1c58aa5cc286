package dev.imagegate.webhook.internal;

import dev.imagegate.webhook.WebhookOptions;
import java.time.Clock;

/** What the HTTP handlers share. */
public record WebhookContext(
    WebhookOptions options,
    AdmissionReviewCodec codec,
    ReviewService reviews,
    OutcomeAnswers answers,
    WebhookMetrics metrics,
    ExplainStore explanations,
    Clock clock,
    dev.imagegate.webhook.PolicyReportSink reports) {}
