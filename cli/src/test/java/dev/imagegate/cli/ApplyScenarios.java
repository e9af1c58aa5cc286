package dev.imagegate.cli;

import dev.imagegate.testkit.Peers;
import dev.imagegate.testkit.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The apply scenarios ({@code src/test/resources/apply/NAME/}: {@code policy.yaml}, {@code
 * resources.yaml}, {@code expected.txt}) against a real registry holding images signed by the real
 * cosign ({@link SignedFixtures}): their files rendered with its host and keys into a work folder.
 * A test class registers one as a static extension: it starts before the class's tests and stops
 * after them.
 */
final class ApplyScenarios implements BeforeAllCallback, AfterAllCallback {
  private static final Path SCENARIOS = Path.of("src/test/resources/apply");
  private final String workPrefix;
  private @Nullable SignedFixtures fixtures;
  private @Nullable Path work;

  /** {@code workPrefix} names the work folder. */
  ApplyScenarios(String workPrefix) {
    this.workPrefix = workPrefix;
  }

  /** Starts the registry with the cosign fixtures. */
  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Prerequisites.peers();
    fixtures = SignedFixtures.create(Peers.installed());
    work = Files.createTempDirectory(workPrefix);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (fixtures != null) {
      fixtures.close();
    }
  }

  /**
   * {@code command} over a scenario's rendered policy and resources, against the registry, then
   * {@code more}: the arguments of {@code imagegate}.
   */
  String[] commandLine(List<String> command, String scenario, String... more) throws IOException {
    List<String> args = new ArrayList<>(command);
    args.addAll(
        List.of(
            "--policy",
            render(scenario, "policy.yaml").toString(),
            "--resource",
            render(scenario, "resources.yaml").toString(),
            "--insecure-registry",
            host()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** The scenario names, sorted (a {@code @MethodSource}). */
  static Stream<String> names() throws IOException {
    try (var dirs = Files.list(SCENARIOS)) {
      return dirs.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  /** A scenario's file as it stands in the repository. */
  static Path source(String scenario, String file) {
    return SCENARIOS.resolve(scenario).resolve(file);
  }

  /** A scenario's file with the registry host and keys put in, written to the work folder. */
  Path render(String scenario, String file) throws IOException {
    Path out = work().resolve(scenario + "-" + file);
    Files.writeString(out, started().render(Files.readString(source(scenario, file))));
    return out;
  }

  /** The registry's {@code 127.0.0.1:PORT}. */
  String host() {
    return started().registry.host();
  }

  Path work() {
    if (work == null) {
      throw new IllegalStateException("the scenarios have not started");
    }
    return work;
  }

  private SignedFixtures started() {
    if (fixtures == null) {
      throw new IllegalStateException("the scenarios have not started");
    }
    return fixtures;
  }
}
