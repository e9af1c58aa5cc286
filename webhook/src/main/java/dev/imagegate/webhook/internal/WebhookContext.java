package dev.imagegate.webhook.internal;

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
    PolicyReportSink reports,
    DeprecationNotices deprecations) {}
