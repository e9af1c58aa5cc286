package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.policy.PodController;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the webhook checks on a review before any policy is consulted; a failed check refuses the
 * review whatever the failurePolicy (issue 12, findings 2, 7 and 8):
 *
 * <ul>
 *   <li>the object's {@code kind} and {@code apiVersion} agree with {@code request.kind}: policies
 *       are selected by the request's kind while images are read from the object, so a review
 *       claiming ConfigMap for a Pod would skip every Pod policy;
 *   <li>pod specs have the shape the engine reads: {@code containers}, {@code initContainers} and
 *       {@code ephemeralContainers} lists of objects with string {@code name} and {@code image};
 *   <li>no string in the object names an OCI layout ({@code oci-layout:PATH}): images from
 *       admission requests are registry references only, or a Pod could make the webhook read the
 *       server's disk. Layouts stay a CLI feature.
 * </ul>
 */
final class ReviewChecks {
  private static final String LAYOUT_PREFIX = "oci-layout:";

  /**
   * Containers per pod spec at most (all three lists together): the engines verify at most 10,000
   * images per object (the policy module's {@code ImageExtraction.MAX_IMAGES}, which fails closed
   * too); refusing here covers every engine, ImageValidatingPolicies included, before any work.
   */
  static final int MAX_CONTAINERS = 10_000;

  private static final List<String> CONTAINER_LISTS =
      List.of("containers", "initContainers", "ephemeralContainers");

  private ReviewChecks() {}

  /** Why the review must be refused, or empty. */
  static Optional<String> refusal(AdmissionRequest request) {
    for (JsonNode object : new JsonNode[] {request.object(), request.oldObject()}) {
      if (object == null) {
        continue;
      }
      Optional<String> problem =
          kindMismatch(request, object).or(() -> badShape(request.kind(), object));
      if (problem.isPresent()) {
        return problem;
      }
    }
    return request.object() == null ? Optional.empty() : layoutReference(request.object());
  }

  private static Optional<String> kindMismatch(AdmissionRequest request, JsonNode object) {
    String kind = object.path("kind").isTextual() ? object.path("kind").asText() : "";
    String apiVersion =
        object.path("apiVersion").isTextual() ? object.path("apiVersion").asText() : "";
    String expected = (request.group().isEmpty() ? "" : request.group() + "/") + request.version();
    if (!kind.equals(request.kind()) || !apiVersion.equals(expected)) {
      return Optional.of(
          "request.kind is "
              + request.gvk()
              + " but the object is kind '"
              + AnswerText.scrub(clip(kind))
              + "' of apiVersion '"
              + AnswerText.scrub(clip(apiVersion))
              + "'");
    }
    return Optional.empty();
  }

  private static Optional<String> badShape(String kind, JsonNode object) {
    // where the engines read images in a Pod or a pod controller
    String podSpec = PodController.podSpecPointer(kind);
    if (podSpec == null) {
      return Optional.empty();
    }
    // Every step to the pod spec, when present, is an object.
    String path = "";
    JsonNode node = object;
    for (String step : podSpec.substring(1).split("/")) {
      path += "/" + step;
      node = node.path(step);
      if (node.isMissingNode() || node.isNull()) {
        return Optional.empty();
      }
      if (!node.isObject()) {
        return Optional.of(path + " must be an object");
      }
    }
    int total = 0;
    for (String list : CONTAINER_LISTS) {
      JsonNode containers = node.path(list);
      String at = podSpec + "/" + list;
      if (containers.isMissingNode() || containers.isNull()) {
        continue;
      }
      if (!containers.isArray()) {
        return Optional.of(at + " must be a list of containers");
      }
      total += containers.size();
      if (total > MAX_CONTAINERS) {
        return Optional.of(
            podSpec
                + " has more than "
                + MAX_CONTAINERS
                + " containers; imagegate verifies at most "
                + MAX_CONTAINERS
                + " images per object");
      }
      for (int i = 0; i < containers.size(); i++) {
        JsonNode container = containers.get(i);
        if (!container.isObject()) {
          return Optional.of(at + "/" + i + " must be a container object");
        }
        for (String field : List.of("name", "image")) {
          JsonNode value = container.path(field);
          if (!value.isMissingNode() && !value.isNull() && !value.isTextual()) {
            return Optional.of(at + "/" + i + "/" + field + " must be a string");
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The first string value naming an OCI layout, searched through the whole object. */
  private static Optional<String> layoutReference(JsonNode object) {
    Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
    pending.push(Map.entry("", object));
    while (!pending.isEmpty()) {
      Map.Entry<String, JsonNode> next = pending.pop();
      JsonNode node = next.getValue();
      if (node.isTextual()) {
        String text = node.asText().strip();
        if (text.regionMatches(true, 0, LAYOUT_PREFIX, 0, LAYOUT_PREFIX.length())) {
          return Optional.of(
              "the image '"
                  + clip(text)
                  + "' at "
                  + next.getKey()
                  + " names an OCI layout on the webhook's disk; images in admission requests"
                  + " must be registry references (oci-layout: is a CLI feature)");
        }
      } else if (node.isArray()) {
        for (int i = node.size() - 1; i >= 0; i--) {
          pending.push(Map.entry(next.getKey() + "/" + i, node.get(i)));
        }
      } else if (node.isObject()) {
        node.properties()
            .forEach(
                e ->
                    pending.push(
                        Map.entry(
                            next.getKey() + "/" + e.getKey().replace("~", "~0").replace("/", "~1"),
                            e.getValue())));
      }
    }
    return Optional.empty();
  }

  private static String clip(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
