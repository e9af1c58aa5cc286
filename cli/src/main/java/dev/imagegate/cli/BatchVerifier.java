package dev.imagegate.cli;

import dev.imagegate.oci.Digest;
import dev.imagegate.oci.ImageReference;
import dev.imagegate.oci.OciClient;
import dev.imagegate.oci.RegistryException;
import dev.imagegate.verify.Outcome;
import dev.imagegate.verify.PhaseTimings;
import dev.imagegate.verify.PhaseTimings.Phase;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Verifies many images concurrently (virtual threads, at most {@code parallelism} at once, so a
 * batch of thousands does not open thousands of registry connections), keeping results in input
 * order.
 */
final class BatchVerifier {
  /** Verification of one resolved image. */
  interface Check {
    Checked check(ImageReference ref, Digest digest, PhaseTimings timings);
  }

  /** What a check returns. */
  record Checked(Outcome outcome, List<dev.imagegate.verify.SignatureFinding> findings) {}

  private final OciClient client;
  private final int parallelism;
  private final @Nullable PrintWriter progress;

  BatchVerifier(OciClient client, int parallelism, @Nullable PrintWriter progress) {
    this.client = client;
    this.parallelism = parallelism;
    this.progress = progress;
  }

  List<ImageResult> verifyAll(List<String> inputs, List<ImageReference> refs, Check check) {
    Semaphore permits = new Semaphore(parallelism);
    AtomicInteger done = new AtomicInteger();
    List<Future<ImageResult>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < refs.size(); i++) {
        String input = inputs.get(i);
        ImageReference ref = refs.get(i);
        futures.add(
            pool.submit(
                () -> {
                  permits.acquire();
                  try {
                    return verifyOne(input, ref, check);
                  } finally {
                    permits.release();
                    int n = done.incrementAndGet();
                    if (progress != null) {
                      progress.print("\rverified " + n + "/" + refs.size() + " images");
                      progress.flush();
                    }
                  }
                }));
      }
      List<ImageResult> results = new ArrayList<>();
      for (Future<ImageResult> f : futures) {
        results.add(f.get());
      }
      if (progress != null) {
        progress.println();
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private ImageResult verifyOne(String input, ImageReference ref, Check check) {
    long start = System.nanoTime();
    PhaseTimings timings = new PhaseTimings();
    Digest digest;
    try {
      digest = timings.time(Phase.RESOLVE, () -> client.resolve(ref));
    } catch (RegistryException e) {
      return new ImageResult(
          input,
          ref.toString(),
          null,
          new Outcome.Error("resolving " + ref + ": " + e.getMessage()),
          List.of(),
          timings,
          System.nanoTime() - start);
    }
    Checked c = check.check(ref, digest, timings);
    return new ImageResult(
        input,
        ref.toString(),
        digest,
        c.outcome(),
        c.findings(),
        timings,
        System.nanoTime() - start);
  }
}
