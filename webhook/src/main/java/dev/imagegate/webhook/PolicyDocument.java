package dev.imagegate.webhook;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One Kyverno policy document (YAML or JSON, possibly several {@code ---} documents).
 *
 * @param origin where it came from, for messages: a file path or {@code ClusterImagePolicy/name}
 * @param file the file it was read from, or null when it came from the cluster
 * @param content the text
 */
public record PolicyDocument(String origin, @Nullable Path file, String content) {
  public PolicyDocument {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(content, "content");
  }
}
