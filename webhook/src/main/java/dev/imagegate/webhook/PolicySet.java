package dev.imagegate.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A complete, consistent set of policies at one moment.
 *
 * @param version changes whenever any document or context changes (a content hash)
 * @param documents the policies, in a stable order
 * @param context context variables from ConfigMaps: {@code namespace/name} to its data, for Kyverno
 *     {@code context} entries of type {@code configMap}
 */
public record PolicySet(
    String version, List<PolicyDocument> documents, Map<String, Map<String, String>> context) {
  public PolicySet {
    documents = List.copyOf(documents);
    context = Map.copyOf(context);
  }

  /**
   * Paths of all documents, writing those that came from the cluster into {@code
   * directory/VERSION/} (for engines that load files; a fresh directory per version, so a deleted
   * policy never lingers as a stale file). Files read from disk are returned as they are.
   */
  public List<Path> materialize(Path parent) {
    Path directory = parent.resolve(version);
    try {
      Files.createDirectories(directory);
      List<Path> paths = new ArrayList<>();
      int index = 0;
      for (PolicyDocument document : documents) {
        if (document.file() != null) {
          paths.add(document.file());
          continue;
        }
        String safeName = document.origin().replaceAll("[^A-Za-z0-9._-]", "_");
        Path target = directory.resolve(String.format("%03d-%s.yaml", index++, safeName));
        Files.writeString(target, document.content(), StandardCharsets.UTF_8);
        paths.add(target);
      }
      return List.copyOf(paths);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write policies to " + directory, e);
    }
  }
}
