package dev.imagegate.bench;

import dev.imagegate.cli.demo.AdmissionReviews;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends AdmissionReviews at a fixed rate (open loop: latency measured from the scheduled send time)
 * or closed loop.
 */
final class LoadRunner {
  /**
   * Latencies (ns) and errors of one run; {@code lateness} (ns, fixed-rate runs only): how late the
   * generator itself sent each request after its scheduled time (its own pauses and CPU shortage;
   * already part of the latency, reported to show whether the generator was the bottleneck); {@code
   * wire} (ns, native generator only, empty otherwise): the latency with the generator's own
   * scheduling removed at both ends (bench/loadgen/fixedrate.c: kernel receive time of the answer,
   * minus the due time, minus the generator's own send delay).
   */
  record Stats(long[] nanos, int errors, double seconds, long[] lateness, long[] wire) {
    Stats(long[] nanos, int errors, double seconds) {
      this(nanos, errors, seconds, new long[0], new long[0]);
    }

    /** The wire latencies as a Stats of their own (for a table row), or empty. */
    Optional<Stats> wireView() {
      return wire.length == 0
          ? Optional.empty()
          : Optional.of(new Stats(wire, errors, seconds, lateness, new long[0]));
    }

    /** Generator lateness p99 and max, e.g. "0.05 ms / 1.20 ms". */
    String latenessSummary() {
      long[] s = lateness.clone();
      Arrays.sort(s);
      return ms(pct(s, 99)) + " / " + ms(s.length == 0 ? 0 : s[s.length - 1]);
    }

    String row(String name, String offered) {
      long[] s = nanos.clone();
      Arrays.sort(s);
      return "| "
          + name
          + " | "
          + offered
          + " | "
          + s.length
          + " | "
          + ms(pct(s, 50))
          + " | "
          + ms(pct(s, 99))
          + " | "
          + ms(s.length == 0 ? 0 : s[s.length - 1])
          + " | "
          + errors
          + " | "
          + String.format("%.0f/s", s.length / seconds)
          + " |";
    }

    private static long pct(long[] sorted, int p) {
      return sorted.length == 0
          ? 0
          : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
      return String.format("%.2f ms", nanos / 1e6);
    }
  }

  /** Sends one review of an image; true when it was answered and allowed. One per worker. */
  interface Sender extends AutoCloseable {
    boolean send(String image) throws Exception;

    /** Opens the connection (and its TLS session) before the measured schedule starts. */
    default void open() throws Exception {}

    @Override
    default void close() {}
  }

  /** {@link AdmissionReviews} ({@code java.net.http}, connections pooled by the client). */
  static Sender jdk(AdmissionReviews client) {
    return image ->
        client
            .review("/mutate", AdmissionReviews.pod("default", "load", image))
            .path("allowed")
            .asBoolean();
  }

  private final java.util.function.Supplier<Sender> senders;

  /** {@code senders} gives each worker (connection) its own sender. */
  LoadRunner(java.util.function.Supplier<Sender> senders) {
    this.senders = senders;
  }

  /**
   * Open-loop load at {@code rate}/s over at most {@code connections} keep-alive connections (as
   * the API server keeps a bounded pool): request i is due at start + i/rate; its latency is
   * measured from that due time, so a server that falls behind shows the queueing too (no
   * coordinated omission).
   */
  Stats fixedRate(List<String> images, int rate, int seconds, int connections) throws Exception {
    int n = rate * seconds;
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    long[] lat = new long[n];
    long[] late = new long[n];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    // Every connection is open (TCP and TLS handshake done) before the schedule's clock starts:
    // otherwise the first requests of each connection wait for a handshake on the generator's core
    // and that wait is reported as the server's latency.
    List<Sender> opened = new ArrayList<>();
    try {
      for (int w = 0; w < connections; w++) {
        Sender sender = senders.get();
        opened.add(sender);
        sender.open();
      }
    } catch (Exception e) {
      // the senders already opened would otherwise keep their connections to the server
      opened.forEach(Sender::close);
      throw e;
    }
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Sender each : opened) {
        pool.submit(
            () -> {
              try (Sender sender = each) {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                  long due = start + i * period;
                  long wait = due - System.nanoTime();
                  if (wait > 0) {
                    LockSupport.parkNanos(wait);
                  }
                  late[i] = Math.max(0, System.nanoTime() - due);
                  lat[i] =
                      send(sender, images.get(i % images.size()), errors)
                          ? System.nanoTime() - due
                          : 0;
                }
              }
            });
      }
    }
    if (System.getenv("BENCH_TIMELINE") != null) {
      printTimeline(lat, late, rate);
    }
    return new Stats(
        Arrays.stream(lat).filter(x -> x > 0).toArray(),
        errors.get(),
        (System.nanoTime() - start) / 1e9,
        late,
        new long[0]);
  }

  /**
   * One line per second of schedule to stderr (BENCH_TIMELINE set): the worst latency and lateness
   * of the requests due in that second, to see when a run fell behind and whether it recovered.
   */
  private static void printTimeline(long[] lat, long[] late, int rate) {
    for (int from = 0; from < lat.length; from += rate) {
      long worstLatency = 0;
      long worstLateness = 0;
      for (int i = from; i < Math.min(lat.length, from + rate); i++) {
        worstLatency = Math.max(worstLatency, lat[i]);
        worstLateness = Math.max(worstLateness, late[i]);
      }
      System.err.printf(
          "timeline: second %d: max latency %.2f ms, max lateness %.2f ms%n",
          from / rate, worstLatency / 1e6, worstLateness / 1e6);
    }
  }

  Stats closedLoop(List<String> images, int concurrency, int seconds) throws Exception {
    long end =
        seconds == Integer.MAX_VALUE
            ? Long.MAX_VALUE
            : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<List<Long>>> workers = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < concurrency; w++) {
        workers.add(
            pool.submit(
                () -> {
                  List<Long> mine = new ArrayList<>();
                  try (Sender sender = senders.get()) {
                    while (System.nanoTime() < end) {
                      int i = next.getAndIncrement();
                      if (seconds == Integer.MAX_VALUE && i >= images.size()) {
                        break;
                      }
                      long t0 = System.nanoTime();
                      if (send(sender, images.get(i % images.size()), errors)) {
                        mine.add(System.nanoTime() - t0);
                      }
                    }
                  }
                  return mine;
                }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : workers) {
        all.addAll(f.get());
      }
      return new Stats(
          all.stream().mapToLong(Long::longValue).toArray(),
          errors.get(),
          (System.nanoTime() - start) / 1e9);
    }
  }

  private static boolean send(Sender sender, String image, AtomicInteger errors) {
    try {
      if (!sender.send(image)) {
        errors.incrementAndGet();
        return false;
      }
      return true;
    } catch (Exception e) {
      errors.incrementAndGet();
      return false;
    }
  }
}
