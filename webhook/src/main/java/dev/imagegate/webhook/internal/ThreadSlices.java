package dev.imagegate.webhook.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Sets the time slice the Linux scheduler gives chosen threads of this process, found by name in
 * {@code /proc/self/task}.
 *
 * <p>Why: Linux's EEVDF scheduler lets a thread that has just been given the CPU keep it for its
 * slice (1.4 ms on a 2-core machine) before a thread woken meanwhile may take it, and a kernel
 * without full preemption then looks again only at the next timer tick (4 ms at 250 Hz). A review
 * thread woken while a JIT compiler thread runs on its core thus waited 3-5 ms. A thread whose
 * slice is longer than the waking thread's gives up that protection (Linux 6.12+), so the woken one
 * runs at once (docs/benchmarks.md, session 12). The kernel keeps a slice between 0.1 and 100 ms; a
 * kernel before 6.12 accepts the request and ignores it, which {@link Outcome#ignored} counts.
 */
final class ThreadSlices {
  /** What one pass did, thread by thread. */
  record Outcome(int changed, int alreadySet, int ignored, int refused) {
    int matched() {
      return changed + alreadySet + ignored + refused;
    }
  }

  /**
   * The two system calls ({@link LinuxSchedAttr}); tests put a kernel that refuses or ignores in
   * their place, which this machine's cannot be made to do.
   */
  interface Calls {
    Optional<LinuxSchedAttr.Attributes> read(long tid);

    boolean writeSlice(long tid, LinuxSchedAttr.Attributes current, long sliceNanos);
  }

  private final Calls calls;
  private final Path tasks;

  ThreadSlices(Calls calls, Path tasks) {
    this.calls = calls;
    this.tasks = tasks;
  }

  /** For this process's threads, or empty where the system calls cannot be made. */
  static Optional<ThreadSlices> forThisProcess() {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return Optional.empty();
    }
    return LinuxSchedAttr.load().map(calls -> new ThreadSlices(calls, tasks));
  }

  /**
   * Gives each thread of the fair policy whose name ({@code comm}: its first 15 characters) matches
   * {@code name} a slice of {@code slice}; threads of other policies and threads that ended
   * meanwhile are left out.
   */
  Outcome apply(Predicate<String> name, Duration slice) {
    long wanted = slice.toNanos();
    int changed = 0;
    int alreadySet = 0;
    int ignored = 0;
    int refused = 0;
    for (long tid : threads()) {
      Optional<String> comm = comm(tid);
      if (comm.isEmpty() || !name.test(comm.get())) {
        continue;
      }
      Optional<LinuxSchedAttr.Attributes> before = calls.read(tid);
      if (before.isEmpty() || before.get().policy() != LinuxSchedAttr.SCHED_OTHER) {
        continue;
      }
      if (before.get().sliceNanos() == wanted) {
        alreadySet++;
      } else if (!calls.writeSlice(tid, before.get(), wanted)) {
        refused++;
      } else if (calls.read(tid).map(LinuxSchedAttr.Attributes::sliceNanos).orElse(0L) == wanted) {
        changed++;
      } else {
        ignored++;
      }
    }
    return new Outcome(changed, alreadySet, ignored, refused);
  }

  private List<Long> threads() {
    try (Stream<Path> entries = Files.list(tasks)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(s -> !s.isEmpty() && s.chars().allMatch(Character::isDigit))
          .map(Long::valueOf)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + tasks, e);
    }
  }

  private Optional<String> comm(long tid) {
    try {
      return Optional.of(Files.readString(tasks.resolve(tid + "/comm")).strip());
    } catch (NoSuchFileException e) {
      return Optional.empty(); // the thread ended since the listing
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the name of thread " + tid, e);
    }
  }
}
