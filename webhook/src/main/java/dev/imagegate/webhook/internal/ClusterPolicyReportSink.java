package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Upserts PolicyReports into the cluster from one background virtual thread, through a bounded
 * queue: a slow API server delays reports, never admissions; when the queue is full the report is
 * dropped and counted.
 */
public final class ClusterPolicyReportSink implements PolicyReportSink {
  private static final JsonLog LOG = JsonLog.forClass(ClusterPolicyReportSink.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourceDefinitionContext POLICY_REPORTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("wgpolicyk8s.io")
          .withVersion("v1alpha2")
          .withKind("PolicyReport")
          .withPlural("policyreports")
          .withNamespaced(true)
          .build();
  static final int QUEUE = 1024;

  private final KubernetesClient client;
  private final BlockingQueue<ObjectNode> queue = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread worker;

  public ClusterPolicyReportSink(KubernetesClient client) {
    this.client = client;
    this.worker = Thread.ofVirtual().name("imagegate-policy-reports").start(this::drain);
  }

  @Override
  public void publish(ObjectNode report) {
    if (report.path("metadata").path("namespace").isMissingNode()) {
      return; // cluster-scoped resources would need a ClusterPolicyReport; imagegate verifies
      // namespaced workloads
    }
    if (!queue.offer(report)) {
      long n = dropped.incrementAndGet();
      LOG.warn("policy report dropped: queue full", "dropped_total", n);
    }
  }

  long dropped() {
    return dropped.get();
  }

  private void drain() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        write(queue.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(ObjectNode report) {
    String ns = report.path("metadata").path("namespace").asText();
    try {
      GenericKubernetesResource r = JSON.treeToValue(report, GenericKubernetesResource.class);
      client
          .genericKubernetesResources(POLICY_REPORTS)
          .inNamespace(ns)
          .resource(r)
          .createOr(existing -> existing.update());
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
      LOG.warn(
          "policy report not written",
          "namespace",
          ns,
          "name",
          report.path("metadata").path("name").asText(),
          "reason",
          e.getMessage());
    }
  }

  @Override
  public void close() {
    worker.interrupt();
  }
}
