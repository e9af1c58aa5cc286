package dev.imagegate.webhook.internal;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Writes {@link JsonLog}'s lines on one daemon thread, so that no review waits for stdout: the
 * lines queued while a batch is written (and during a short linger after the first one) go out in
 * one write with one flush. Bounded without loss: when {@link #CAPACITY} lines wait, callers block
 * until the writer catches up. Order is kept. {@link #flush()} waits for everything queued before
 * it; a shutdown hook calls it so that the last lines reach stdout when the process stops.
 */
final class LineWriter {
  static final int CAPACITY = 8192;

  /** The serving writer's thread (ServingSlices finds it by this name). */
  static final String THREAD_NAME = "imagegate-log-writer";

  /** How long the writer lets lines gather after the first one (also the most a line waits). */
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private static final long FLUSH_WAIT_SECONDS = 10;

  /** Queued by {@link #flush()}: counted down once every line queued before it is written. */
  private record Marker(CountDownLatch written) {}

  /** Queued by {@link #warmUp}: the writer writes what it has and its thread ends. */
  private record Stop() {}

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(CAPACITY);
  private final Supplier<PrintStream> target;
  private final long lingerNanos;
  private final Thread thread;
  private int batches; // counted by the writer's thread; warmUp reads it after joining that thread

  private LineWriter(Supplier<PrintStream> target, long lingerNanos, String name) {
    this.target = target;
    this.lingerNanos = lingerNanos;
    this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
  }

  static LineWriter start(Supplier<PrintStream> target) {
    LineWriter writer = new LineWriter(target, LINGER_NANOS, THREAD_NAME);
    writer.thread.start();
    try {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(writer::flush, "imagegate-log-flush-at-shutdown"));
    } catch (IllegalStateException e) {
      // Already shutting down: nothing more will be logged that a hook could save.
    }
    return writer;
  }

  /**
   * Runs the writer's loop {@code lines} times on a writer of its own, whose lines go nowhere
   * through a {@link PrintStream} as stdout's, one line per batch (no linger, each line flushed),
   * until {@code stop}; returns the batches written. The loop runs once per batch, at most ~400
   * times a second in serving (the linger), so it reached the JIT's second compiler only seconds
   * into serving, and C2 compiled the writer, its queue and the print stream on the serving core
   * under load (docs/benchmarks.md, session 11). The start-up warm-up calls it before the webhook
   * is ready; the methods are the same, so their compiled code serves the real writer.
   */
  static int warmUp(int lines, Instant stop, Clock clock) {
    PrintStream nowhere =
        new PrintStream(
            new BufferedOutputStream(OutputStream.nullOutputStream()),
            false,
            StandardCharsets.UTF_8);
    LineWriter writer = new LineWriter(() -> nowhere, 0, "imagegate-log-writer-warm-up");
    writer.thread.start();
    for (int i = 0; i < lines && clock.instant().isBefore(stop); i++) {
      writer.add("{\"message\":\"warm-up\",\"line\":" + i + "}");
      writer.flush();
    }
    writer.enqueue(new Stop());
    try {
      // Bounded as flush() is: a writer whose batch broke (an Error) lost the stop with it and
      // stays parked, a daemon thread, rather than keeping the webhook unready.
      writer.thread.join(Duration.ofSeconds(FLUSH_WAIT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return writer.batches;
  }

  /** Queues one line (without its line break); waits while the queue is full. */
  void add(String line) {
    enqueue(line);
  }

  /** Returns once every line queued before this call is written, or after 10 s at most. */
  void flush() {
    if (Thread.currentThread() == thread) {
      return;
    }
    Marker marker = new Marker(new CountDownLatch(1));
    enqueue(marker);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          marker.written().await(FLUSH_WAIT_SECONDS, TimeUnit.SECONDS);
          return;
        } catch (InterruptedException e) {
          interrupted = true; // a flush is short; finish it and keep the interrupt
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Never drops: an interrupted caller (a cancelled evaluation may log) still queues its line. */
  private void enqueue(Object item) {
    if (queue.offer(item)) {
      return;
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          queue.put(item);
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    List<Object> batch = new ArrayList<>();
    StringBuilder text = new StringBuilder(4096);
    boolean stopped = false;
    while (!stopped) {
      try {
        batch.add(queue.take());
        if (lingerNanos > 0) {
          LockSupport.parkNanos(lingerNanos);
        }
        queue.drainTo(batch);
        for (Object item : batch) {
          if (item instanceof String line) {
            text.append(line).append('\n');
          } else if (item instanceof Marker marker) {
            write(text);
            marker.written().countDown();
          } else if (item instanceof Stop) {
            stopped = true;
          }
        }
        write(text);
      } catch (InterruptedException e) {
        // Nobody interrupts this thread on purpose; keep writing.
      } catch (RuntimeException | Error e) {
        // The log must outlive a broken target; PrintStream itself never throws on I/O errors.
        text.setLength(0);
      } finally {
        batch.clear();
        if (text.capacity() > (1 << 20)) {
          text = new StringBuilder(4096);
        }
      }
    }
  }

  private void write(StringBuilder text) {
    if (text.isEmpty()) {
      return;
    }
    PrintStream out = target.get();
    synchronized (out) {
      out.append(text);
      out.flush();
    }
    text.setLength(0);
    batches++;
  }
}
