package dev.imagegate.policy.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.base.Wildcard;
import dev.imagegate.oci.ImageReference;
import java.util.List;

/**
 * The spellings of an image that {@code imageReferences} patterns are matched against. Kyverno
 * matches its own form: the default registry added but no {@code library/} ({@code
 * docker.io/nginx:latest}), and a digest replacing the tag. imagegate also matches the fully
 * normalised form ({@code docker.io/library/nginx:latest}, tag and digest), so patterns written
 * either way work.
 */
public final class ImageForms {
  private ImageForms() {}

  /** Kyverno's {@code ImageInfo.String()} of an image as written. */
  public static String kyvernoForm(String written, ImageReference ref) {
    String path = kyvernoPath(written, ref);
    String base = ref.isLayout() ? ref.context() : ref.registry() + "/" + path;
    return ref.digest() != null ? base + "@" + ref.digest() : base + ":" + ref.tag();
  }

  private static String kyvernoPath(String written, ImageReference ref) {
    String repo = ref.repository();
    if (ImageReference.DOCKER_HUB.equals(ref.registry()) && repo.startsWith("library/")) {
      String w = written.contains("@") ? written.substring(0, written.indexOf('@')) : written;
      boolean wroteLibrary = w.startsWith("library/") || w.contains("/library/");
      if (!wroteLibrary) {
        return repo.substring("library/".length());
      }
    }
    return repo;
  }

  public static List<String> forms(String written, ImageReference ref) {
    String kyverno = kyvernoForm(written, ref);
    String full = ref.toString();
    return kyverno.equals(full) ? List.of(kyverno) : List.of(kyverno, full);
  }

  public static boolean matchesAny(List<String> patterns, String written, ImageReference ref) {
    List<String> forms = forms(written, ref);
    return patterns.stream()
        .map(ImageForms::canonicalHost)
        .anyMatch(p -> forms.stream().anyMatch(f -> Wildcard.match(p, f)));
  }

  /**
   * A pattern whose registry part is a literal host gets the host's canonical spelling, as image
   * references do (issue 12, finding 1): {@code LOCALHOST:05000/*} matches {@code
   * localhost:5000/app}. Patterns with wildcards in the host are left as written.
   */
  static String canonicalHost(String pattern) {
    int slash = pattern.indexOf('/');
    if (slash <= 0) {
      return pattern;
    }
    String head = pattern.substring(0, slash);
    if (head.indexOf('*') >= 0 || head.indexOf('?') >= 0) {
      return pattern;
    }
    try {
      return ImageReference.canonicalRegistry(head) + pattern.substring(slash);
    } catch (IllegalArgumentException notAHost) {
      return pattern;
    }
  }

  /** One entry of Kyverno's {@code images} variable. */
  public static ObjectNode imageInfo(String written, ImageReference ref, String pointer) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    String path = kyvernoPath(written, ref);
    o.put("registry", ref.registry());
    o.put("path", path);
    o.put("name", path.substring(path.lastIndexOf('/') + 1));
    o.put("tag", ref.tag() == null ? "" : ref.tag());
    o.put("digest", ref.digest() == null ? "" : ref.digest().toString());
    o.put("reference", kyvernoForm(written, ref));
    o.put(
        "referenceWithTag",
        ref.registry() + "/" + path + ":" + (ref.tag() == null ? "" : ref.tag()));
    o.put("jsonPointer", pointer);
    return o;
  }
}
