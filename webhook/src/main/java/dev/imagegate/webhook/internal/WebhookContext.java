package dev.imagegate.webhook.internal;

import java.time.Clock;

/**
 * What the HTTP handlers share. {@code logReviews} is false only for the start-up warm-up's
 * loopback server ({@link HttpsWarmUp}), whose thousands of reviews are not the cluster's.
 */
public record WebhookContext(
    WebhookOptions options,
    AdmissionReviewCodec codec,
    ReviewService reviews,
    OutcomeAnswers answers,
    WebhookMetrics metrics,
    ExplainStore explanations,
    Clock clock,
    PolicyReportSink reports,
    DeprecationNotices deprecations,
    boolean logReviews) {}
