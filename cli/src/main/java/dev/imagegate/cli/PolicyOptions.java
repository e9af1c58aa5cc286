package dev.imagegate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -p/--policy} option shared by {@code apply} and {@code lint}. */
final class PolicyOptions {
  @Option(
      names = {"-p", "--policy"},
      paramLabel = "FILE_OR_DIR",
      required = true,
      description = "Policy files or directories (repeatable).")
  List<Path> paths = new ArrayList<>();

  /** The paths given; one that does not exist is a usage error (exit 2). */
  List<Path> existing() {
    PolicyFiles.requireExisting(paths);
    return paths;
  }
}
