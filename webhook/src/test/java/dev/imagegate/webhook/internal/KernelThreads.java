package dev.imagegate.webhook.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** This process's threads as the kernel sees them, for the scheduler slice tests. */
final class KernelThreads {
  private static final Path TASKS = Path.of("/proc/self/task");

  private KernelThreads() {}

  /** The kernel id of the first thread named {@code comm} (a thread name's first 15 bytes). */
  static long tid(String comm) throws IOException {
    try (Stream<Path> entries = Files.list(TASKS)) {
      for (Path task : entries.toList()) {
        if (Files.readString(task.resolve("comm")).strip().equals(comm)) {
          return Long.parseLong(task.getFileName().toString());
        }
      }
    }
    throw new AssertionError("no thread named " + comm);
  }

  /** The slice as the scheduler's own debug file shows it ({@code se.slice}, in ns). */
  static long slice(long tid) throws IOException {
    for (String line : Files.readAllLines(TASKS.resolve(tid + "/sched"))) {
      if (line.startsWith("se.slice")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    throw new AssertionError("no se.slice for thread " + tid);
  }

  static Path tasks() {
    return TASKS;
  }
}
