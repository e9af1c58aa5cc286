package dev.imagegate.policy.internal;

import dev.imagegate.base.Wildcard;
import org.jspecify.annotations.Nullable;

/**
 * A {@code match.resources.kinds} entry: {@code Kind}, {@code version/Kind}, {@code
 * group/version/Kind}, each optionally with a subresource ({@code Kind.status} or {@code
 * Kind/status}); every part may use wildcards.
 */
record KindSelector(String group, String version, String kind, @Nullable String subresource) {
  static KindSelector parse(String text) {
    String[] parts = text.split("/");
    String group = "*";
    String version = "*";
    String kind;
    @Nullable String sub = null;
    switch (parts.length) {
      case 1 -> kind = parts[0];
      case 2 -> {
        // "Pod/exec" names a subresource (kinds start upper case); "v1/Pod" a version.
        if (!parts[0].isEmpty() && Character.isUpperCase(parts[0].charAt(0))) {
          kind = parts[0];
          sub = parts[1];
        } else {
          version = parts[0];
          kind = parts[1];
        }
      }
      default -> {
        group = parts[0];
        version = parts[1];
        kind = parts[2];
        if (parts.length > 3) {
          sub = parts[3];
        }
      }
    }
    int dot = kind.indexOf('.');
    if (sub == null && dot > 0) {
      sub = kind.substring(dot + 1);
      kind = kind.substring(0, dot);
    }
    return new KindSelector(group, version, kind, sub);
  }

  /**
   * Whether a resource of {@code apiVersion}/{@code kind} matches. {@code requestSubresource} null
   * means the whole object (CLI evaluation): it matches selectors with and without a subresource,
   * since the subresource's data is part of the object.
   */
  boolean matches(String apiVersion, String resourceKind, @Nullable String requestSubresource) {
    String g = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String v =
        apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
    if (!Wildcard.match(kind, resourceKind)
        || !Wildcard.match(version, v)
        || !Wildcard.match(group, g)) {
      return false;
    }
    if (requestSubresource == null || requestSubresource.isEmpty()) {
      return true;
    }
    return subresource != null && Wildcard.match(subresource, requestSubresource);
  }

  boolean isPodOnly() {
    return kind.equals("Pod")
        && subresource == null
        && (group.equals("*") || group.isEmpty())
        && (version.equals("*") || version.equals("v1"));
  }
}
