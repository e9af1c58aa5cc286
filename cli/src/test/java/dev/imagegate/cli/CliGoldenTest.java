package dev.imagegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Help, version, usage errors, command models and parse results stay byte for byte what the
 * annotation-built models gave (recorded in cli-golden.txt from main before the root and verify
 * were declared in code; see {@link CommandModels}).
 */
class CliGoldenTest {
  @Test
  void outputsModelsAndParsesAreAsRecorded() throws IOException {
    String expected;
    try (InputStream in = CliGoldenTest.class.getResourceAsStream("/cli-golden.txt")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String actual = CliGolden.render();
    if (!expected.equals(actual)) {
      // A deliberate change of the CLI's surface: review the diff, then copy this file over.
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", "cli-golden.actual.txt"), actual);
    }
    assertEquals(expected, actual, "CLI surface changed; see target/cli-golden.actual.txt");
  }
}
