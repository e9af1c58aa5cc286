package dev.imagegate.policy;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Kubernetes' built-in pod controllers: the kinds whose objects carry a pod template, where they
 * keep it and which resource serves them. The one table of this knowledge: the legacy engine's
 * image extraction and autogen, the ImageValidatingPolicy engine's autogen and image extraction,
 * the converter and the webhook's review checks all read it. Declared in the order of Kyverno's
 * default {@code pod-policies.kyverno.io/autogen-controllers}.
 */
public enum PodController {
  DAEMON_SET("DaemonSet", "apps", "daemonsets"),
  DEPLOYMENT("Deployment", "apps", "deployments"),
  JOB("Job", "batch", "jobs"),
  STATEFUL_SET("StatefulSet", "apps", "statefulsets"),
  REPLICA_SET("ReplicaSet", "apps", "replicasets"),
  REPLICATION_CONTROLLER("ReplicationController", "", "replicationcontrollers"),
  CRON_JOB("CronJob", "batch", "cronjobs");

  /** Where a Pod keeps its own spec. */
  public static final String POD_SPEC_POINTER = "/spec";

  private final String kind;
  private final String group;
  private final String resource;

  PodController(String kind, String group, String resource) {
    this.kind = kind;
    this.group = group;
    this.resource = resource;
  }

  /** The controller of {@code kind} ({@code Deployment}...), empty for any other kind. */
  public static Optional<PodController> of(String kind) {
    for (PodController c : values()) {
      if (c.kind.equals(kind)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * JSON pointer of the pod spec in an object of {@code kind}: a Pod's {@code /spec}, a
   * controller's template spec; null for any other kind.
   */
  public static @Nullable String podSpecPointer(String kind) {
    if (kind.equals("Pod")) {
      return POD_SPEC_POINTER;
    }
    return of(kind).map(PodController::podSpecPointer).orElse(null);
  }

  public String kind() {
    return kind;
  }

  /** The API group ({@code ""} for the core group). */
  public String group() {
    return group;
  }

  /** The API version: every built-in pod controller is served as {@code v1}. */
  public String version() {
    return "v1";
  }

  /** The plural resource name ({@code deployments}). */
  public String resource() {
    return resource;
  }

  /**
   * JSON pointer of the pod template (its metadata and spec); a CronJob's is in its job template.
   */
  public String templatePointer() {
    return this == CRON_JOB ? "/spec/jobTemplate/spec/template" : "/spec/template";
  }

  /** JSON pointer of the pod spec inside the template. */
  public String podSpecPointer() {
    return templatePointer() + "/spec";
  }
}
