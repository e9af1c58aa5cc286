package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where the webhook sends the PolicyReport of each (non-dry-run) admission: a JSON log line by
 * default, the cluster's {@code wgpolicyk8s.io} PolicyReports with {@code --kubernetes}. Must not
 * block the review.
 */
public interface PolicyReportSink extends AutoCloseable {
  void publish(ObjectNode report);

  @Override
  default void close() {}
}
