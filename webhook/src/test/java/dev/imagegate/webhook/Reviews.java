package dev.imagegate.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.testkit.TestPods;
import java.util.Map;

/** AdmissionReview requests shaped as the API server sends them. */
final class Reviews {
  static final ObjectMapper JSON = new ObjectMapper();

  private Reviews() {}

  static ObjectNode pod(String name, String... images) {
    return TestPods.pod(name, "default", images);
  }

  static ObjectNode deployment(String name, String image) {
    ObjectNode deployment =
        JSON.createObjectNode().put("apiVersion", "apps/v1").put("kind", "Deployment");
    deployment.putObject("metadata").put("name", name).put("namespace", "default");
    ObjectNode spec = deployment.putObject("spec").put("replicas", 2);
    spec.putObject("template")
        .putObject("spec")
        .putArray("containers")
        .addObject()
        .put("name", "app")
        .put("image", image);
    return deployment;
  }

  static ObjectNode cronJob(String name, String image) {
    ObjectNode cronJob =
        JSON.createObjectNode().put("apiVersion", "batch/v1").put("kind", "CronJob");
    cronJob.putObject("metadata").put("name", name).put("namespace", "default");
    ObjectNode spec = cronJob.putObject("spec").put("schedule", "*/5 * * * *");
    spec.putObject("jobTemplate")
        .putObject("spec")
        .putObject("template")
        .putObject("spec")
        .putArray("containers")
        .addObject()
        .put("name", "job")
        .put("image", image);
    return cronJob;
  }

  static ObjectNode review(
      String uid, String operation, ObjectNode object, ObjectNode oldObject, boolean dryRun) {
    String apiVersion = object.path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    String kind = object.path("kind").asText();
    ObjectNode review =
        JSON.createObjectNode()
            .put("apiVersion", "admission.k8s.io/v1")
            .put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request").put("uid", uid);
    request.putObject("kind").put("group", group).put("version", version).put("kind", kind);
    request
        .putObject("resource")
        .put("group", group)
        .put("version", version)
        .put("resource", kind.toLowerCase() + "s");
    request
        .put("name", object.at("/metadata/name").asText())
        .put("namespace", "default")
        .put("operation", operation);
    request.putObject("userInfo").put("username", "kubernetes-admin");
    request.set("object", object);
    request.set("oldObject", oldObject);
    request.put("dryRun", dryRun);
    request.set(
        "options",
        JSON.valueToTree(Map.of("apiVersion", "meta.k8s.io/v1", "kind", "CreateOptions")));
    return review;
  }

  static ObjectNode create(String uid, ObjectNode object) {
    return review(uid, "CREATE", object, null, false);
  }
}
