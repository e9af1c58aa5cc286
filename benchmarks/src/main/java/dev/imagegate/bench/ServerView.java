package dev.imagegate.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server's own view of a benchmark phase, from two scrapes of its Prometheus metrics (before
 * and after the phase): the review-latency histogram {@code imagegate_admission_review_seconds}
 * (time from receiving a review to having its answer, without TLS and HTTP framing), the bytes the
 * server JVM allocated per review ({@code jvm_gc_memory_allocated_bytes_total}) and its GC pauses.
 * The generator cannot inflate these numbers: they are measured inside the server.
 */
record ServerView(
    long reviews,
    double meanMs,
    String p50,
    String p99,
    double maxMs,
    double allocatedBytesPerReview,
    long gcPauses,
    double gcPauseMs,
    double cpuMsPerReview) {

  /** Parses the Prometheus text format into series (name with labels) to value. */
  static Map<String, Double> parse(String text) {
    Map<String, Double> series = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (space <= 0) {
        continue;
      }
      try {
        series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      } catch (NumberFormatException e) {
        // not a sample line
      }
    }
    return series;
  }

  static ServerView between(Map<String, Double> before, Map<String, Double> after) {
    double count = delta(before, after, "imagegate_admission_review_seconds_count");
    double sum = delta(before, after, "imagegate_admission_review_seconds_sum");
    // Cumulative bucket counts by upper bound (seconds), summed over webhook and decision tags.
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (Map.Entry<String, Double> e : after.entrySet()) {
      String k = e.getKey();
      if (!k.startsWith("imagegate_admission_review_seconds_bucket{")) {
        continue;
      }
      int le = k.indexOf("le=\"");
      String bound = k.substring(le + 4, k.indexOf('"', le + 4));
      double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
      buckets.merge(upper, e.getValue() - before.getOrDefault(k, 0.0), Double::sum);
    }
    double max = 0;
    for (Map.Entry<String, Double> e : after.entrySet()) {
      if (e.getKey().startsWith("imagegate_admission_review_seconds_max")) {
        max = Math.max(max, e.getValue());
      }
    }
    return new ServerView(
        (long) count,
        count == 0 ? 0 : sum / count * 1e3,
        bucketOf(buckets, count, 0.50),
        bucketOf(buckets, count, 0.99),
        max * 1e3,
        count == 0 ? 0 : delta(before, after, "jvm_gc_memory_allocated_bytes_total") / count,
        (long) delta(before, after, "jvm_gc_pause_seconds_count"),
        delta(before, after, "jvm_gc_pause_seconds_sum") * 1e3,
        Double.NaN);
  }

  /** The smallest bucket bound holding the quantile, as "<= X ms" (histograms only bound it). */
  private static String bucketOf(TreeMap<Double, Double> cumulative, double count, double q) {
    if (count == 0) {
      return "-";
    }
    double previous = 0;
    for (Map.Entry<Double, Double> b : cumulative.entrySet()) {
      if (b.getValue() >= q * count) {
        return b.getKey().isInfinite()
            ? "> " + ms(previous)
            : (previous == 0 ? "<= " : ms(previous) + "-") + ms(b.getKey());
      }
      previous = b.getKey();
    }
    return "?";
  }

  private static String ms(double seconds) {
    double ms = seconds * 1e3;
    return ms == Math.rint(ms) ? String.format("%.0f ms", ms) : String.format("%.1f ms", ms);
  }

  /** Sum of every series of that name (any labels), after minus before. */
  private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
    double d = 0;
    List<String> keys = new ArrayList<>();
    for (String k : after.keySet()) {
      if (k.equals(name) || k.startsWith(name + "{")) {
        keys.add(k);
      }
    }
    for (String k : keys) {
      d += after.getOrDefault(k, 0.0) - before.getOrDefault(k, 0.0);
    }
    return d;
  }

  static String header() {
    return "| path (server's own view) | reviews | mean | p50 bucket | p99 bucket | max (recent) |"
        + " allocated per review | server CPU per review | GC pauses (count, total) |\n"
        + "|---|---|---|---|---|---|---|---|---|";
  }

  String row(String name) {
    return String.format(
        "| %s | %d | %.2f ms | %s | %s | %.2f ms | %.1f KB | %.3f ms | %d, %.1f ms |",
        name,
        reviews,
        meanMs,
        p50,
        p99,
        maxMs,
        allocatedBytesPerReview / 1024,
        cpuMsPerReview,
        gcPauses,
        gcPauseMs);
  }
}
