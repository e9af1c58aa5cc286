package dev.imagegate.ivpol.convert.internal;

import dev.imagegate.policy.VerifyImage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * imageReferences / skipImageReferences as matchImageReferences. Kyverno's legacy wildcards know
 * only {@code *} and {@code ?}, both meaning the same in ivpol's globs; the glob's other
 * metacharacters are escaped. Legacy patterns are matched against the image with its registry
 * ({@code docker.io/nginx:latest}) while ivpol globs see the image as written, so a Docker Hub
 * pattern also gets its short spelling.
 */
final class ImageRefs {
  private ImageRefs() {}

  /** Null when every image matches (no matchImageReferences needed). */
  static Y.@Nullable Seq of(VerifyImage vi) {
    Set<String> patterns = new LinkedHashSet<>();
    for (String p : vi.imageReferences()) {
      patterns.add(p);
      patterns.addAll(dockerHubShortForms(p));
    }
    if (vi.mutateDigest()) {
      // ivpol's mutating pass pins every matched tag, and its validating pass matches the pinned
      // image (TAG@sha256:...), which a pattern not ending in * no longer matches: the legacy
      // engine validated what it matched before pinning.
      for (String p : List.copyOf(patterns)) {
        if (!p.endsWith("*")) {
          patterns.add(p + "@*");
        }
      }
    }
    if (vi.skipImageReferences().isEmpty()) {
      if (patterns.contains("*")) {
        return null;
      }
      Y.Seq s = Y.seq();
      for (String p : patterns) {
        s.add(Y.map().put("glob", Y.str(glob(p))));
      }
      return s;
    }
    Set<String> skips = new LinkedHashSet<>();
    for (String p : vi.skipImageReferences()) {
      skips.add(p);
      skips.addAll(dockerHubShortForms(p));
    }
    String expr =
        Cel.matchesAnyWildcard("ref", new ArrayList<>(patterns))
            + " && !"
            + paren(Cel.matchesAnyWildcard("ref", new ArrayList<>(skips)));
    return Y.seq().add(Y.map().put("expression", Y.str(expr)));
  }

  private static String paren(String s) {
    return s.startsWith("(") ? s : "(" + s + ")";
  }

  static String glob(String pattern) {
    StringBuilder b = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if ("[]{}\\".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /** {@code docker.io/library/nginx*} also as {@code nginx*} and {@code library/nginx*}. */
  static List<String> dockerHubShortForms(String p) {
    List<String> out = new ArrayList<>();
    for (String host : List.of("docker.io/", "index.docker.io/")) {
      if (p.startsWith(host)) {
        String rest = p.substring(host.length());
        out.add(rest);
        if (rest.startsWith("library/")) {
          out.add(rest.substring("library/".length()));
        }
      }
    }
    return out;
  }
}
