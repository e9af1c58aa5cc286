package dev.imagegate.webhook.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Keeps the threads that serve reviews on the shortest scheduler slice Linux grants (0.1 ms; see
 * {@link ThreadSlices} for why): the JDK server's {@code HTTP-Dispatcher}, the carriers of the
 * virtual threads that run the exchanges, and the log's writer. Another thread on their core (the
 * JIT compiler above all) then yields to them as soon as they wake, instead of up to a timer tick
 * later. The carriers come and go with the load (the virtual-thread scheduler starts them on demand
 * and retires idle ones), so the serving server runs a pass every {@link #INTERVAL}; a pass lists
 * {@code /proc/self/task} and changes only threads that do not have the slice yet.
 *
 * <p>Threads are told apart by their kernel name ({@code comm}, 15 characters). The carriers' is
 * read from a virtual thread itself ({@code /proc/thread-self/comm} names the carrier it runs on),
 * so the JDK's naming of them is not written down here.
 */
final class ServingSlices implements Runnable {
  static final Duration SLICE = Duration.ofNanos(100_000);
  static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final String DISPATCHER = "HTTP-Dispatcher";
  private static final JsonLog LOG = JsonLog.forClass(ServingSlices.class);

  private final ThreadSlices slices;
  private final Predicate<String> serving;
  private boolean reported;
  private boolean stopped;

  ServingSlices(ThreadSlices slices, String carrierName) {
    this.slices = slices;
    String writer = kernelName(LineWriter.THREAD_NAME);
    this.serving =
        name -> name.equals(DISPATCHER) || name.equals(carrierName) || name.equals(writer);
  }

  /**
   * For this process, or empty (logged once) where slices cannot be set: not Linux, a JDK before
   * 22, or no carrier name to be read.
   */
  static Optional<ServingSlices> forThisProcess() {
    Optional<ThreadSlices> slices = ThreadSlices.forThisProcess();
    Optional<String> carrier = carrierName();
    if (slices.isEmpty() || carrier.isEmpty()) {
      LOG.info(
          "scheduler slices not set",
          "reason",
          slices.isEmpty()
              ? "needs Linux on x86-64 or arm64 and a JDK 22 or later"
              : "cannot read the virtual threads' carrier name");
      return Optional.empty();
    }
    return Optional.of(new ServingSlices(slices.get(), carrier.get()));
  }

  /**
   * One pass. The first is logged; if it set no slice because the kernel ignored or refused every
   * request, that is logged instead (WARN) and no pass runs again: the kernel will not change its
   * mind while the process runs.
   */
  @Override
  public void run() {
    if (stopped) {
      return;
    }
    ThreadSlices.Outcome outcome;
    try {
      outcome = slices.apply(serving, SLICE);
    } catch (RuntimeException e) {
      LOG.warn("scheduler slices: pass failed", "reason", e.toString());
      return;
    }
    if (outcome.matched() > 0 && outcome.changed() + outcome.alreadySet() == 0) {
      stopped = true;
      LOG.warn(
          "scheduler slices not set",
          "reason",
          outcome.refused() > 0
              ? "the kernel refused sched_setattr (a seccomp profile that forbids it?)"
              : "the kernel ignores a thread's slice (Linux before 6.12)",
          "ignored_by_kernel",
          outcome.ignored(),
          "refused",
          outcome.refused());
      return;
    }
    if (!reported) {
      reported = true;
      LOG.info(
          "scheduler slices of the serving threads",
          "slice_us",
          SLICE.toNanos() / 1000,
          "changed",
          outcome.changed(),
          "already_set",
          outcome.alreadySet(),
          "ignored_by_kernel",
          outcome.ignored(),
          "refused",
          outcome.refused());
    }
  }

  /** The kernel's name of a carrier of virtual threads, read from one. */
  static Optional<String> carrierName() {
    AtomicReference<Optional<String>> name = new AtomicReference<>(Optional.empty());
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    name.set(
                        Optional.of(Files.readString(Path.of("/proc/thread-self/comm")).strip()));
                  } catch (IOException e) {
                    name.set(Optional.empty());
                  }
                });
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return name.get();
  }

  /** What the kernel keeps of a thread name: its first 15 bytes. */
  static String kernelName(String threadName) {
    return threadName.length() <= 15 ? threadName : threadName.substring(0, 15);
  }
}
