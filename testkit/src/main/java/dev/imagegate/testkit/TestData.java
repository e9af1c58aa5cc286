package dev.imagegate.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The upstream test vectors vendored into the repository under {@code testdata/} (see {@code
 * testdata/README.md} for where each corpus comes from). The Maven build names the folder with the
 * system property {@code imagegate.testdata}; without it (a test started from an IDE) the folder is
 * found by walking up from the working directory. Missing vectors fail the test: a corpus that is
 * not there must never turn into a silently skipped or empty parameterized test.
 */
public final class TestData {
  /** The system property the build sets to the repository's {@code testdata} folder. */
  public static final String PROPERTY = "imagegate.testdata";

  private TestData() {}

  /** The {@code testdata} folder; throws when it cannot be found. */
  public static Path root() {
    String configured = System.getProperty(PROPERTY);
    Path root;
    if (configured != null && !configured.isBlank()) {
      root = Path.of(configured);
    } else {
      root = search(Path.of("").toAbsolutePath());
    }
    if (root == null || !Files.isRegularFile(root.resolve("README.md"))) {
      throw new IllegalStateException(
          "test vectors not found (system property "
              + PROPERTY
              + "="
              + configured
              + ", working directory "
              + Path.of("").toAbsolutePath()
              + "): they live in the repository's testdata/ folder");
    }
    return root;
  }

  /** One corpus, e.g. {@code corpus("notary")}; throws when the folder is missing. */
  public static Path corpus(String name) {
    Path dir = root().resolve(name);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("test corpus " + dir + " is missing");
    }
    return dir;
  }

  private static @Nullable Path search(Path from) {
    for (Path p = from; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("testdata/README.md"))) {
        return p.resolve("testdata");
      }
    }
    return null;
  }
}
