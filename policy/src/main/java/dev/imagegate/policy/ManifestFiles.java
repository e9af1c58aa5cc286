package dev.imagegate.policy;

import dev.imagegate.policy.internal.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The manifest files behind {@code --policy} and {@code --resource} paths, found and read one way
 * for every loader (policies, resources, and ivpol's ImageValidatingPolicies): the same walk, the
 * same bounds, the same errors.
 */
public final class ManifestFiles {
  /** Bound on files per load. */
  public static final int MAX_FILES = 10_000;

  private ManifestFiles() {}

  /**
   * The files behind {@code paths}: a directory is walked recursively for {@code .yaml}, {@code
   * .yml} and {@code .json} files, in name order; a file is taken as it is.
   *
   * @throws PolicyException when a path does not exist, a directory cannot be listed, or there are
   *     more than {@link #MAX_FILES} files
   */
  public static List<Path> list(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          // Stop listing one past the bound: a directory of millions of files is refused
          // without holding all their names.
          walk.filter(Files::isRegularFile)
              .filter(ManifestFiles::isManifest)
              .limit(MAX_FILES + 1L - out.size())
              .sorted()
              .forEach(out::add);
        } catch (IOException e) {
          throw new PolicyException(
              Location.unknown(p.toString()), "cannot list directory: " + e.getMessage(), e);
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new PolicyException(Location.unknown(p.toString()), "no such file or directory");
      }
      if (out.size() > MAX_FILES) {
        throw new PolicyException(
            Location.unknown(p.toString()), "more than " + MAX_FILES + " files");
      }
    }
    return out;
  }

  private static boolean isManifest(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }

  /**
   * A file's text, UTF-8.
   *
   * @throws PolicyException when it is larger than the YAML reader's bound, unreadable or not UTF-8
   */
  public static String read(Path file) {
    try {
      if (Files.size(file) > YamlReader.MAX_CHARS) {
        throw new PolicyException(
            Location.unknown(file.toString()),
            "file larger than " + YamlReader.MAX_CHARS + " bytes");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PolicyException(
          Location.unknown(file.toString()), "cannot read: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new PolicyException(
          Location.unknown(file.toString()), "cannot read (not UTF-8?): " + e.getMessage(), e);
    }
  }
}
