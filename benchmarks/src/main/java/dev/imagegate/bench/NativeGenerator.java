package dev.imagegate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed-rate phases run by {@code bench/loadgen/fixedrate.c} (bin/bench-webhook {@code
 * --generator native}) instead of {@link LoadRunner#fixedRate}: a C program with one POSIX thread
 * per connection, so no garbage collector, JIT or virtual-thread scheduler of the generator can
 * delay a send and pass for the server's latency. It inherits this JVM's CPU affinity (the
 * generator cores bin/bench-webhook pins it to); this JVM only waits for it meanwhile. The program
 * writes its samples (latency, lateness and wire latency per request) to a file, from which the
 * same {@link LoadRunner.Stats} as the Java generator's is built, so both fill the same table rows,
 * and the wire latency (the generator's own scheduling removed) fills a row of its own.
 */
record NativeGenerator(Path binary, Path work, Path certFile, int port, String path) {

  /**
   * Runs one fixed-rate phase: request i is due at start + i/rate, sends the review of image i mod
   * images, over {@code connections} connections opened before the schedule starts. {@code
   * warmUpSeconds} of the same schedule go first on the same connections, unmeasured (fixedrate's
   * {@code --warm-up}): the measured requests travel on connections the server has served already,
   * as an API server's kept-alive ones. The server's metrics between two scrapes then include those
   * warm-up reviews.
   */
  LoadRunner.Stats fixedRate(
      List<String> images, int rate, int seconds, int connections, int warmUpSeconds)
      throws IOException, InterruptedException {
    Path bodies = Files.createTempFile(work, "reviews", ".jsonl");
    Path samples = Files.createTempFile(work, "samples", ".txt");
    List<String> lines = new ArrayList<>();
    for (String image : images) {
      lines.add(RawReviewClient.template(image)); // one line each: Jackson writes no newline
    }
    Files.write(bodies, lines, StandardCharsets.UTF_8);
    List<String> cmd =
        List.of(
            binary.toString(),
            "--port",
            String.valueOf(port),
            "--path",
            path,
            "--rate",
            String.valueOf(rate),
            "--count",
            String.valueOf((long) rate * seconds),
            "--connections",
            String.valueOf(connections),
            "--bodies",
            bodies.toString(),
            "--cafile",
            certFile.toString(),
            "--samples",
            samples.toString(),
            "--warm-up",
            String.valueOf((long) rate * warmUpSeconds));
    // stderr (the timeline with BENCH_TIMELINE, errors) goes straight to ours.
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String summary = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    int exit = p.waitFor();
    if (exit != 0) {
      throw new IllegalStateException(binary + " exited with " + exit + ": " + summary);
    }
    System.err.println("native generator: " + summary);
    Map<String, String> values = parse(summary);
    List<String> rows = Files.readAllLines(samples, StandardCharsets.US_ASCII);
    long[] latency = new long[rows.size()];
    long[] lateness = new long[rows.size()];
    long[] wire = new long[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      String[] fields = rows.get(i).split(" ");
      latency[i] = Long.parseLong(fields[0]);
      lateness[i] = Long.parseLong(fields[1]);
      wire[i] = Long.parseLong(fields[2]);
    }
    Files.delete(bodies);
    keepOrDelete(samples);
    return new LoadRunner.Stats(
        java.util.Arrays.stream(latency).filter(x -> x > 0).toArray(),
        Integer.parseInt(values.getOrDefault("errors", "0")),
        Double.parseDouble(values.getOrDefault("seconds", "1")),
        lateness,
        java.util.Arrays.stream(wire).filter(x -> x > 0).toArray());
  }

  /** The summary line's key=value pairs. */
  static Map<String, String> parse(String summary) {
    Map<String, String> values = new HashMap<>();
    for (String pair : summary.split(" ")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return values;
  }

  /**
   * With {@code BENCH_SAMPLES_DIR} set, moves a phase's samples there (named by the time the phase
   * ended) for a look at single requests, for example which answers were slow and what the
   * generator's own delay was around them; otherwise deletes them.
   */
  private static void keepOrDelete(Path samples) throws IOException {
    String dir = System.getenv("BENCH_SAMPLES_DIR");
    if (dir == null || dir.isBlank()) {
      Files.delete(samples);
      return;
    }
    Path target = Path.of(dir).resolve("samples-" + System.currentTimeMillis() + ".txt");
    Files.createDirectories(target.getParent());
    Files.move(samples, target);
    System.err.println("native generator: samples kept in " + target);
  }
}
