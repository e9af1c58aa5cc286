/**
 * Implementation of the webhook: the HTTPS server and its handlers, AdmissionReview decoding and
 * answers, file and cluster policy sources with reload, TLS certificate reload, Kubernetes lookups
 * (namespace labels, pull secrets, policy reports), metrics and JSON logs. Not API: other modules
 * use only {@code dev.imagegate.webhook}.
 */
@NullMarked
package dev.imagegate.webhook.internal;

import org.jspecify.annotations.NullMarked;
