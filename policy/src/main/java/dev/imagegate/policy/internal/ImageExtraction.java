package dev.imagegate.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagegate.conditions.ExpressionException;
import dev.imagegate.conditions.KyvernoJmesPath;
import dev.imagegate.policy.ImageExtractor;
import dev.imagegate.policy.PodController;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Finds image references in a resource, each with the JSON pointer of its value (for the digest
 * patch). Pods use {@code /spec}, CronJobs {@code /spec/jobTemplate/spec/template/spec}, other
 * kinds {@code /spec/template/spec}; custom {@code imageExtractors} for the kind replace these
 * defaults, as in Kyverno.
 */
public final class ImageExtraction {
  private static final List<String> CATEGORIES =
      List.of("containers", "initContainers", "ephemeralContainers");

  /**
   * Images read from one object at most. An object with more is not cut short silently (the images
   * after the bound would go unverified): extraction reports a {@link Problem}, which the engine
   * turns into a rule error (fail closed).
   */
  public static final int MAX_IMAGES = 10_000;

  static final String TOO_MANY_IMAGES =
      "more than " + MAX_IMAGES + " images in the object; imagegate verifies at most " + MAX_IMAGES;

  /**
   * One image found: its category ({@code containers}...), key (container name), text and location.
   */
  public record Extracted(String category, String key, String image, String pointer) {}

  /**
   * Why a custom extractor yielded no image for an entry (for the engine's message); never fatal.
   */
  public record Problem(String pointer, String message) {}

  public record Result(List<Extracted> images, List<Problem> problems) {}

  private ImageExtraction() {}

  public static Result extract(
      JsonNode resource, Map<String, List<ImageExtractor>> custom, KyvernoJmesPath jmesPath) {
    String kind = resource.path("kind").asText("");
    List<ImageExtractor> extractors = custom.get(kind);
    List<Extracted> images = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    if (extractors != null) {
      for (ImageExtractor x : extractors) {
        walk(resource, segments(x.path()), 0, "", x, images, problems, jmesPath);
      }
      return new Result(images, problems);
    }
    // Other kinds (custom workloads) are read where most keep a pod template, as Kyverno does.
    String spec =
        Objects.requireNonNullElse(PodController.podSpecPointer(kind), "/spec/template/spec");
    JsonNode podSpec = resource.at(spec);
    for (String category : CATEGORIES) {
      JsonNode list = podSpec.path(category);
      if (!list.isArray()) {
        continue; // a malformed object (e.g. containers as a map): no images here, never an NPE
      }
      for (int i = 0; i < list.size(); i++) {
        JsonNode image = list.get(i).path("image");
        if (image.isTextual()) {
          if (images.size() >= MAX_IMAGES) {
            problems.add(new Problem(spec + "/" + category + "/" + i + "/image", TOO_MANY_IMAGES));
            return new Result(images, problems);
          }
          String name = list.get(i).path("name").asText(String.valueOf(i));
          images.add(
              new Extracted(
                  category, name, image.asText(), spec + "/" + category + "/" + i + "/image"));
        }
      }
    }
    return new Result(images, problems);
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s.replace("~1", "/").replace("~0", "~"));
      }
    }
    return out;
  }

  private static void walk(
      @Nullable JsonNode node,
      List<String> path,
      int i,
      String pointer,
      ImageExtractor x,
      List<Extracted> out,
      List<Problem> problems,
      KyvernoJmesPath jmesPath) {
    if (node == null || node.isMissingNode() || node.isNull() || full(problems)) {
      return;
    }
    if (i == path.size()) {
      take(node, pointer, x, out, problems, jmesPath);
      return;
    }
    String seg = path.get(i);
    if (seg.equals("*")) {
      if (node.isArray()) {
        for (int k = 0; k < node.size(); k++) {
          walk(node.get(k), path, i + 1, pointer + "/" + k, x, out, problems, jmesPath);
        }
      } else if (node.isObject()) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          walk(
              e.getValue(),
              path,
              i + 1,
              pointer + "/" + Fields.escape(e.getKey()),
              x,
              out,
              problems,
              jmesPath);
        }
      }
      return;
    }
    JsonNode next =
        node.isArray() && seg.chars().allMatch(Character::isDigit)
            // more digits than any array index: no element (and no NumberFormatException)
            ? (seg.length() > 9 ? null : node.get(Integer.parseInt(seg)))
            : node.get(seg);
    walk(next, path, i + 1, pointer + "/" + Fields.escape(seg), x, out, problems, jmesPath);
  }

  /** Whether the bound was hit: then the last problem says so and nothing more is read. */
  private static boolean full(List<Problem> problems) {
    return !problems.isEmpty() && problems.getLast().message().equals(TOO_MANY_IMAGES);
  }

  private static void take(
      JsonNode node,
      String pointer,
      ImageExtractor x,
      List<Extracted> out,
      List<Problem> problems,
      KyvernoJmesPath jmesPath) {
    JsonNode value = node.get(x.value());
    String valuePointer = pointer + "/" + Fields.escape(x.value());
    if (value == null || !value.isTextual()) {
      return;
    }
    // Entries that yield a problem count too: the message lists each of them.
    if (out.size() + problems.size() >= MAX_IMAGES) {
      problems.add(new Problem(valuePointer, TOO_MANY_IMAGES));
      return;
    }
    String image = value.asText();
    if (x.jmesPath() != null) {
      try {
        JsonNode transformed = jmesPath.search(x.jmesPath(), value);
        if (!transformed.isTextual()) {
          problems.add(
              new Problem(
                  valuePointer,
                  "imageExtractors jmesPath '" + x.jmesPath() + "' did not yield a string"));
          return;
        }
        image = transformed.asText();
      } catch (ExpressionException e) {
        problems.add(new Problem(valuePointer, String.valueOf(e.getMessage())));
        return;
      }
    }
    String key =
        x.key() != null && node.path(x.key()).isValueNode()
            ? node.path(x.key()).asText()
            : pointer.substring(pointer.lastIndexOf('/') + 1);
    out.add(new Extracted(x.name(), key, image, valuePointer));
  }
}
