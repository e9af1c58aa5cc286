package dev.imagegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PodControllerTest {
  @Test
  void podSpecPointersOfPodsControllersAndOtherKinds() {
    assertThat(PodController.podSpecPointer("Pod")).isEqualTo("/spec");
    assertThat(PodController.podSpecPointer("Deployment")).isEqualTo("/spec/template/spec");
    assertThat(PodController.podSpecPointer("ReplicationController"))
        .isEqualTo("/spec/template/spec");
    assertThat(PodController.podSpecPointer("CronJob"))
        .isEqualTo("/spec/jobTemplate/spec/template/spec");
    assertThat(PodController.podSpecPointer("ConfigMap")).isNull();
    assertThat(PodController.podSpecPointer("deployment")).isNull();
  }

  @Test
  void resourcesAreServedWhereKubernetesServesThem() {
    assertThat(PodController.of("CronJob"))
        .hasValueSatisfying(
            c -> {
              assertThat(c.group()).isEqualTo("batch");
              assertThat(c.version()).isEqualTo("v1");
              assertThat(c.resource()).isEqualTo("cronjobs");
            });
    assertThat(PodController.REPLICATION_CONTROLLER.group()).isEmpty();
    assertThat(PodController.of("Pod")).isEmpty();
  }

  @Test
  void kyvernosDefaultAutogenControllersKeepTheirOrder() {
    assertThat(Policy.DEFAULT_AUTOGEN_CONTROLLERS)
        .containsExactly(
            "DaemonSet",
            "Deployment",
            "Job",
            "StatefulSet",
            "ReplicaSet",
            "ReplicationController",
            "CronJob");
  }
}
