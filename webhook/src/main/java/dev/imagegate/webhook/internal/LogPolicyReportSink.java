package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes each PolicyReport's summary and results as one structured log line (no cluster to write
 * to).
 */
public final class LogPolicyReportSink implements PolicyReportSink {
  private static final JsonLog LOG = JsonLog.forClass(LogPolicyReportSink.class);

  @Override
  public void publish(ObjectNode report) {
    LOG.info(
        "policy report",
        "namespace",
        report.path("metadata").path("namespace").asText(null),
        "resource",
        report.path("scope").path("kind").asText()
            + "/"
            + report.path("scope").path("name").asText(),
        "summary",
        report.get("summary").toString(),
        "results",
        report.get("results").toString());
  }
}
