package dev.imagegate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code --version} alone is answered without building the subcommands (issue 15); with more
 * arguments the full model answers, so its output and errors are what they were.
 */
class VersionFlagTest {
  @Test
  void versionAloneBuildsNoSubcommand() {
    assertTrue(Main.commandLine("--version").getSubcommands().isEmpty());
    assertTrue(Main.commandLine("-V").getSubcommands().isEmpty());
    assertEquals(10, Main.commandLine("--help").getSubcommands().size());
    assertEquals(10, Main.commandLine("--version", "x").getSubcommands().size());
  }

  @Test
  void bothSpellingsPrintTheSameVersionAndExitZero() {
    CliRunner.Run longForm = CliRunner.run("--version");
    CliRunner.Run shortForm = CliRunner.run("-V");
    assertEquals(0, longForm.exitCode());
    assertEquals(0, shortForm.exitCode());
    assertTrue(longForm.out().startsWith("imagegate "), longForm.out());
    assertEquals(longForm.out(), shortForm.out());
    assertEquals("", longForm.err());
  }
}
