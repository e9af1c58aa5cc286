package dev.imagegate.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The scheduler slices of named threads (issue 15), checked against what the kernel itself reports
 * in {@code /proc/self/task/TID/sched}: a matching thread gets the slice, another keeps the
 * default, a second pass finds it already set. This machine and CI run Linux 6.18 on x86-64 with
 * JDK 25, where the calls must be available: the test fails rather than skips if they are not.
 */
class ThreadSlicesTest {
  @Test
  void aMatchingThreadGetsTheSliceAndAnotherKeepsItsOwn() throws Exception {
    Optional<ThreadSlices> slices = ThreadSlices.forThisProcess();
    if (!linuxWithFinalForeignFunctions()) {
      assertThat(slices).isEmpty();
      return;
    }
    assertThat(slices).as("sched_setattr reachable on Linux and JDK 22+").isPresent();
    CountDownLatch end = new CountDownLatch(1);
    Thread chosen = parked("ig-slice-chosen", end);
    Thread other = parked("ig-slice-other", end);
    try {
      long defaultSlice = KernelThreads.slice(KernelThreads.tid("ig-slice-other"));

      ThreadSlices.Outcome first =
          slices.get().apply(name -> name.equals("ig-slice-chosen"), Duration.ofMillis(7));
      ThreadSlices.Outcome second =
          slices.get().apply(name -> name.equals("ig-slice-chosen"), Duration.ofMillis(7));

      assertThat(first.matched()).isEqualTo(1);
      assertThat(first.refused()).isZero();
      if (eevdfSlices()) {
        assertThat(first.changed()).isEqualTo(1);
        assertThat(KernelThreads.slice(KernelThreads.tid("ig-slice-chosen"))).isEqualTo(7_000_000L);
        assertThat(second.alreadySet()).isEqualTo(1);
      } else {
        assertThat(first.ignored()).isEqualTo(1);
      }
      assertThat(KernelThreads.slice(KernelThreads.tid("ig-slice-other"))).isEqualTo(defaultSlice);
    } finally {
      end.countDown();
      chosen.join();
      other.join();
    }
  }

  @Test
  void noThreadMatchedChangesNothing() {
    Optional<ThreadSlices> slices = ThreadSlices.forThisProcess();
    if (!linuxWithFinalForeignFunctions()) {
      return;
    }
    assertThat(slices).isPresent();
    assertThat(slices.get().apply(name -> false, Duration.ofMillis(50)))
        .isEqualTo(new ThreadSlices.Outcome(0, 0, 0, 0));
  }

  private static boolean linuxWithFinalForeignFunctions() {
    String arch = System.getProperty("os.arch", "");
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
        && Runtime.version().feature() >= 22
        && (arch.equals("amd64") || arch.equals("aarch64"));
  }

  /** Linux 6.12 and later keep a fair thread's requested slice. */
  private static boolean eevdfSlices() throws IOException {
    String[] release =
        Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip().split("[.-]");
    int major = Integer.parseInt(release[0]);
    int minor = Integer.parseInt(release[1]);
    return major > 6 || (major == 6 && minor >= 12);
  }

  private static Thread parked(String name, CountDownLatch end) throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    Thread thread =
        Thread.ofPlatform()
            .name(name)
            .start(
                () -> {
                  started.countDown();
                  try {
                    end.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    started.await();
    return thread;
  }
}
