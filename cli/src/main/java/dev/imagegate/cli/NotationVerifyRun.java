package dev.imagegate.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Placeholder: Notary Project verification from the CLI (being written). */
final class NotationVerifyRun {
  NotationVerifyRun(NotationOptions options, RegistryOptions registry, String output, int parallel, CommandSpec spec) {}

  int run(List<String> images) {
    throw new UsageException("Notary verification from the CLI is not available yet");
  }
}
