package dev.imagegate.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The serving threads' slices (issue 15): after one pass the JDK server's dispatcher, a carrier of
 * virtual threads and the log's writer have the 0.1 ms slice, as the kernel reports it, and a
 * thread of another name keeps the default. A kernel that refuses every request is reported once
 * and not asked again. Linux 6.18 and JDK 25 here and in CI: the pass must be available.
 */
class ServingSlicesTest {
  @Test
  void theDispatcherACarrierAndTheLogWriterGetTheShortSliceAndNoOtherThread() throws Exception {
    JsonLog.forClass(ServingSlicesTest.class).debug("starts the log's writer thread");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.start();
    CountDownLatch end = new CountDownLatch(1);
    Thread bystander = Thread.ofPlatform().name("ig-bystander").start(() -> await(end));
    try {
      long carrier = carrierTid();
      long defaultSlice = KernelThreads.slice(KernelThreads.tid("ig-bystander"));
      Optional<ServingSlices> slices = ServingSlices.forThisProcess();
      assertThat(slices).isPresent();

      slices.get().run();

      assertThat(KernelThreads.slice(KernelThreads.tid("HTTP-Dispatcher"))).isEqualTo(100_000L);
      assertThat(KernelThreads.slice(carrier)).isEqualTo(100_000L);
      assertThat(
              KernelThreads.slice(
                  KernelThreads.tid(ServingSlices.kernelName(LineWriter.THREAD_NAME))))
          .isEqualTo(100_000L);
      assertThat(KernelThreads.slice(KernelThreads.tid("ig-bystander")))
          .isEqualTo(defaultSlice)
          .isNotEqualTo(100_000L);
    } finally {
      end.countDown();
      bystander.join();
      server.stop(0);
    }
  }

  @Test
  void aKernelThatRefusesEveryRequestIsReportedOnceAndNotAskedAgain() throws Exception {
    AtomicInteger writes = new AtomicInteger();
    ThreadSlices.Calls refusing =
        new ThreadSlices.Calls() {
          @Override
          public Optional<LinuxSchedAttr.Attributes> read(long tid) {
            return Optional.of(new LinuxSchedAttr.Attributes(LinuxSchedAttr.SCHED_OTHER, 0, 1));
          }

          @Override
          public boolean writeSlice(long tid, LinuxSchedAttr.Attributes current, long slice) {
            writes.incrementAndGet();
            return false; // as under a seccomp profile that forbids sched_setattr
          }
        };
    ServingSlices slices =
        new ServingSlices(
            new ThreadSlices(refusing, KernelThreads.tasks()), ServingSlices.carrierName().get());
    CountDownLatch end = new CountDownLatch(1);
    Thread writer = Thread.ofPlatform().name(LineWriter.THREAD_NAME).start(() -> await(end));
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try {
      slices.run();
      int afterFirst = writes.get();
      slices.run();
      JsonLog.flush();

      assertThat(afterFirst).isPositive();
      assertThat(writes.get()).isEqualTo(afterFirst);
      String log = logs.toString(StandardCharsets.UTF_8);
      assertThat(log)
          .containsOnlyOnce("scheduler slices not set")
          .contains("\"level\":\"WARN\"")
          .contains("seccomp")
          .doesNotContain("scheduler slices of the serving threads");
    } finally {
      JsonLog.redirect(System.out);
      end.countDown();
      writer.join();
    }
  }

  @Test
  void theCarriersNameIsReadFromAVirtualThread() {
    assertThat(ServingSlices.carrierName()).isPresent().get().isNotEqualTo("");
    assertThat(ServingSlices.kernelName("imagegate-log-writer")).isEqualTo("imagegate-log-w");
    assertThat(ServingSlices.kernelName("short")).isEqualTo("short");
  }

  private static void await(CountDownLatch end) {
    try {
      end.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The kernel thread id of a carrier, from a virtual thread running on it. */
  private static long carrierTid() throws InterruptedException {
    AtomicLong tid = new AtomicLong();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
                tid.set(Long.parseLong(self.getFileName().toString()));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .join();
    assertThat(tid.get()).isPositive();
    return tid.get();
  }
}
