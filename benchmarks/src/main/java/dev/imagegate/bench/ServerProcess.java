package dev.imagegate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * {@code imagegate serve} as its own JVM process (own heap and JIT, as in a pod), so the load
 * generator's CPU and garbage are not counted as the server's. Heap is read from the server's
 * Prometheus metrics after a GC.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final HttpClient http;
  private final URI base;

  private ServerProcess(Process process, SSLContext tls, int port) {
    this.process = process;
    this.http =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    this.base = URI.create("https://127.0.0.1:" + port);
  }

  /**
   * @param cpus when not blank, the server runs under {@code taskset -c cpus} (its own cores, apart
   *     from the load generator's)
   */
  static ServerProcess start(
      Path jar,
      String heap,
      String cpus,
      List<String> jvmOptions,
      List<String> serveArgs,
      SSLContext tls,
      int port,
      Path log)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (!cpus.isBlank()) {
      cmd.addAll(List.of("taskset", "-c", cpus));
    }
    cmd.addAll(
        List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-jar", jar.toString(), "serve"));
    cmd.addAll(serveArgs);
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ServerProcess s = new ServerProcess(p, tls, port);
    for (int i = 0; i < 600; i++) {
      if (!p.isAlive()) {
        throw new IllegalStateException("imagegate serve exited; see " + log);
      }
      if (s.get("/readyz").startsWith("ok") || s.status("/readyz") == 200) {
        return s;
      }
      Thread.sleep(100);
    }
    s.close();
    throw new IllegalStateException("imagegate serve not ready after 60 s; see " + log);
  }

  private int status(String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(base.resolve(path)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException | InterruptedException e) {
      return 0;
    }
  }

  private String get(String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(base.resolve(path)).GET().build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException | InterruptedException e) {
      return "";
    }
  }

  /**
   * Heap in use after a full GC ({@code jcmd PID GC.run}), from {@code
   * jvm_memory_used_bytes{area="heap"}}.
   */
  long heapUsedAfterGc() throws IOException, InterruptedException {
    gc();
    long sum = 0;
    for (String line : get("/metrics").split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** A full GC in the server ({@code jcmd PID GC.run}). */
  void gc() throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "GC.run")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor();
  }

  /**
   * CPU time (user + system) the server process has used, in milliseconds, from {@code
   * /proc/PID/stat} (clock ticks of 10 ms): unlike latency, it hardly depends on what else runs on
   * the machine.
   */
  double cpuMillis() throws IOException {
    String stat = java.nio.file.Files.readString(Path.of("/proc", process.pid() + "", "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
  }

  /**
   * Waits until the server has been idle (under 2% of a core) for a second, at most {@code
   * maxSeconds}; returns the seconds waited. After a warm-up the JIT keeps compiling what it queued
   * (on the server's one pinned core, C2 took 16% of the core during a warm phase that started
   * right after the warm-up), and a phase measured meanwhile counts those compilations as review
   * latency; a webhook that has been up for a while has none left.
   */
  double awaitQuiet(int maxSeconds) throws IOException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + maxSeconds * 1_000_000_000L;
    double last = cpuMillis();
    int quietSamples = 0;
    while (quietSamples < 4 && System.nanoTime() < deadline) {
      Thread.sleep(250);
      double now = cpuMillis();
      quietSamples = now - last < 5 ? quietSamples + 1 : 0; // 5 ms of CPU in 250 ms = 2%
      last = now;
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** The server's metrics, series to value. */
  java.util.Map<String, Double> metrics() {
    return ServerView.parse(get("/metrics"));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
