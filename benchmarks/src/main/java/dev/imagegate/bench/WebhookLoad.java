package dev.imagegate.bench;

import dev.imagegate.cli.demo.AdmissionReviews;
import dev.imagegate.cli.demo.DemoTls;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load benchmark of {@code imagegate serve} on loopback over TLS with keep-alive
 * (bin/bench-webhook): warm path (one signed image, cached) at a fixed rate; cold path (every
 * review a new signed image in the local registry) at a fixed rate; maximum sustainable reviews/s
 * (closed loop); heap after N distinct images. The server runs as its own JVM process ({@code java
 * -Xmx512m -jar cli/target/imagegate.jar serve}); server, load generator and registry share this
 * 2-core machine, so numbers are pessimistic for the server. The fixed-rate phases are sent by this
 * JVM ({@link LoadRunner}) or, with {@code --generator native|both}, by the C program of
 * bench/loadgen ({@link NativeGenerator}); the closed-loop phases always by this JVM.
 */
public final class WebhookLoad {
  public static void main(String[] args) throws Exception {
    int warmRate = intArg(args, "--warm-rate", 1000);
    int warmSeconds = intArg(args, "--warm-seconds", 10);
    int coldImages = intArg(args, "--cold-images", 500);
    int coldRate = intArg(args, "--cold-rate", 50);
    int heapImages = intArg(args, "--heap-images", 10_000);
    // --cold-warmup-images N: N more distinct images reviewed (closed loop) after the warm-up and
    // before the measured phases, so that the cold phase meets a JIT that has already seen the
    // cold path (steady state) rather than a server just started. 0: as before.
    int coldWarmUpImages = intArg(args, "--cold-warmup-images", 0);
    int connections = intArg(args, "--connections", 16);
    // --generator-warm-up-seconds N: each generator sends the warm phase's load for N s, not
    // measured, before its measured warm phase (0: none).
    int generatorWarmUp = intArg(args, "--generator-warm-up-seconds", 5);
    int maxSeconds = intArg(args, "--max-seconds", 10);
    // The container image's collector (cli/pom.xml jvmFlags): serial, best tail latency on 2 cores.
    List<String> serverJvm =
        stringArg(args, "--server-jvm", "-XX:+UseSerialGC").isBlank()
            ? List.of()
            : List.of(stringArg(args, "--server-jvm", "-XX:+UseSerialGC").split(" "));
    Path work = Files.createTempDirectory("imagegate-load");
    try (LocalRegistry registry = LocalRegistry.start(Peers.installed())) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair key = g.generateKeyPair();
      Path policies = Files.createDirectories(work.resolve("policies"));
      // --policy-kind ivpol: the equivalent ImageValidatingPolicy instead of the ClusterPolicy
      // (issue 13: the warm path of both kinds on the same images).
      String kind = stringArg(args, "--policy-kind", "legacy");
      if (!kind.equals("legacy") && !kind.equals("ivpol")) {
        throw new IllegalArgumentException("--policy-kind must be legacy or ivpol, not " + kind);
      }
      Files.writeString(
          policies.resolve("policy.yaml"),
          kind.equals("ivpol")
              ? LoadPolicy.ivpolYaml(key.getPublic())
              : LoadPolicy.yaml(key.getPublic()));
      SignedImageFactory factory = new SignedImageFactory(registry.host(), key, "load/app");
      // --generator java (LoadRunner), native (bench/loadgen/fixedrate.c, path in
      // --native-loadgen) or both, one after the other on the same server: which generator sends
      // the fixed-rate phases. Each generator's cold phase needs its own never-seen images.
      String generator = stringArg(args, "--generator", "java");
      List<String> generators =
          switch (generator) {
            case "java" -> List.of("java");
            case "native" -> List.of("native");
            case "both" -> List.of("java", "native");
            default ->
                throw new IllegalArgumentException(
                    "--generator must be java, native or both, not " + generator);
          };
      if (generators.contains("native") && stringArg(args, "--native-loadgen", "").isEmpty()) {
        throw new IllegalArgumentException(
            "--generator " + generator + " needs --native-loadgen (bin/bench-webhook builds it)");
      }
      int coldTotal = coldImages * generators.size();
      int total = 1 + coldTotal + heapImages + coldWarmUpImages;
      System.err.printf("signing %d distinct images in %s ...%n", total, registry.host());
      List<String> images = pushAll(factory, total);
      DemoTls tls = DemoTls.create(work);
      int port = freePort();
      List<String> serveArgs =
          new ArrayList<>(
              List.of(
                  "--policies",
                  policies.toString(),
                  "--port",
                  String.valueOf(port),
                  "--bind-address",
                  "127.0.0.1",
                  "--tls-cert",
                  tls.certFile().toString(),
                  "--tls-key",
                  tls.keyFile().toString(),
                  "--insecure-registry",
                  registry.host(),
                  "--work-dir",
                  work.resolve("serve").toString(),
                  // info, the production default: one JSON line per review (to a file here)
                  "--log-level",
                  stringArg(args, "--server-log-level", "info"),
                  "--max-concurrent-reviews",
                  "512"));
      // --server-warm-up N: the server's start-up warm-up (--warm-up-reviews); absent: serve's
      // default. 0 measures a server without it (the cold phase then pays the JIT).
      String warmUp = stringArg(args, "--server-warm-up", "");
      if (!warmUp.isEmpty()) {
        serveArgs.addAll(List.of("--warm-up-reviews", warmUp));
      }
      Path jar =
          Path.of(
              stringArg(
                  args,
                  "--server-jar",
                  Path.of(System.getProperty("imagegate.home", "."))
                      .resolve("cli/target/imagegate.jar")
                      .toString()));
      try (ServerProcess server =
          ServerProcess.start(
              jar,
              "512m",
              stringArg(args, "--server-cpus", ""),
              serverJvm,
              serveArgs,
              tls.clientContext(),
              port,
              work.resolve("serve.log"))) {
        // raw (default): one blocking TLS socket per connection, little CPU per request; jdk:
        // java.net.http, as before issue 15.
        AdmissionReviews client = new AdmissionReviews(tls.clientContext(), port);
        LoadRunner runner =
            stringArg(args, "--client", "raw").equals("jdk")
                ? new LoadRunner(() -> LoadRunner.jdk(client))
                : new LoadRunner(() -> new RawReviewClient(tls.clientContext(), port, "/mutate"));
        int warmUpSeconds = intArg(args, "--warmup-seconds", 10);
        // JIT and connections; caches the warm image. Scraped meanwhile, as Prometheus would.
        whileScraped(
            server, () -> runner.closedLoop(List.of(images.get(0)), connections, warmUpSeconds));
        if (coldWarmUpImages > 0) {
          LoadRunner.Stats coldWarmUp =
              runner.closedLoop(
                  images.subList(1 + coldTotal + heapImages, total),
                  connections,
                  Integer.MAX_VALUE);
          System.err.printf(
              "cold warm-up: %d distinct images reviewed (not measured), %s%n",
              coldWarmUpImages, coldWarmUp.row("cold warm-up", "max"));
        }
        List<String> rows = new ArrayList<>();
        List<String> serverRows = new ArrayList<>();
        List<String> lateness = new ArrayList<>();
        Report report = new Report(rows, serverRows, lateness);
        for (String each : generators) {
          FixedRate fixedRate =
              each.equals("native")
                  ? new NativeGenerator(
                          Path.of(stringArg(args, "--native-loadgen", "")),
                          work,
                          tls.certFile(),
                          port,
                          "/mutate")
                      ::fixedRate
                  : (list, rate, seconds, conns, unmeasured) ->
                      runner.fixedRate(list, rate, seconds, conns);
          // The Java generator's rows keep their names; the native one's say so.
          String suffix = each.equals("native") ? ", native generator" : "";
          if (warmSeconds > 0 && generatorWarmUp > 0) {
            // The server is warmed by the Java generator's closed loop; another client (OpenSSL's
            // TLS: its cipher suite, record sizes) takes other paths of the server's TLS code,
            // which
            // C2 would compile, and deoptimise, during the measured phase. So each generator first
            // sends the warm phase's load for a few seconds, unmeasured.
            LoadRunner.Stats unmeasured =
                fixedRate.run(List.of(images.get(0)), warmRate, generatorWarmUp, connections, 0);
            System.err.printf(
                "generator warm-up (not measured): %s%n",
                unmeasured.row(each + " generator, " + generatorWarmUp + " s", warmRate + "/s"));
          }
          if (warmSeconds > 0) {
            String name = "warm (cached), fixed rate, " + connections + " connections" + suffix;
            Measured m =
                measure(
                    server,
                    // A second on the measured connections first (native generator): their
                    // first exchanges and what the server compiles for them are not measured.
                    () ->
                        fixedRate.run(
                            List.of(images.get(0)), warmRate, warmSeconds, connections, 1));
            report.add(name, warmRate + "/s", m);
          }
          if (coldImages > 0) {
            String name = "cold (new signed image each), fixed rate" + suffix;
            int from = 1 + coldImages * generators.indexOf(each);
            Measured m =
                measure(
                    server,
                    () ->
                        fixedRate.run(
                            images.subList(from, from + coldImages),
                            coldRate,
                            Math.max(1, coldImages / coldRate),
                            connections,
                            0));
            report.add(name, coldRate + "/s", m);
          }
        }
        if (maxSeconds > 0) {
          rows.add(
              runner
                  .closedLoop(List.of(images.get(0)), connections, maxSeconds)
                  .row("warm, closed loop, " + connections + " connections", "max"));
        }
        if (heapImages > 0) {
          rows.add(
              runner
                  .closedLoop(
                      images.subList(1 + coldTotal, 1 + coldTotal + heapImages),
                      connections,
                      Integer.MAX_VALUE)
                  .row(heapImages + " distinct images, closed loop", "max"));
        }
        System.out.println(
            "| path | rate offered | reviews | p50 | p99 | max | errors | achieved rate |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println(ServerView.header());
        serverRows.forEach(System.out::println);
        System.out.println();
        System.out.println(
            "generator lateness (scheduled send to actual send, p99 / max; includes waiting for"
                + " a free connection):");
        lateness.forEach(l -> System.out.println("  " + l));
        if (generators.contains("native")) {
          System.out.println(
              "wire view (native generator): the kernel's receive time of each answer minus its due"
                  + " time minus the generator's own send delay, i.e. the client view without the"
                  + " generator's own scheduling at either end; waiting for a busy connection still"
                  + " counts.");
        }
        if (heapImages > 0) {
          long usedMb = server.heapUsedAfterGc() >> 20;
          System.out.printf(
              "server heap in use after %d distinct images (after a full GC, -Xmx512m %s): %d"
                  + " MiB%n",
              heapImages, String.join(" ", serverJvm), usedMb);
        }
      }
    }
  }

  /** The longest wait for the server to be idle before a measured phase. */
  private static final int SETTLE_SECONDS = 60;

  private record Measured(LoadRunner.Stats client, ServerView server) {}

  /**
   * The tables' rows: client view (and wire view, when the generator has one), server, lateness.
   */
  private record Report(List<String> rows, List<String> serverRows, List<String> lateness) {
    void add(String name, String offered, Measured m) {
      rows.add(m.client().row(name, offered));
      m.client().wireView().ifPresent(wire -> rows.add(wire.row(name + ", wire view", offered)));
      serverRows.add(m.server().row(name));
      lateness.add(name + ": " + m.client().latenessSummary());
    }
  }

  /**
   * A generator's fixed-rate phase ({@link LoadRunner#fixedRate} or {@link NativeGenerator}), after
   * {@code warmUpSeconds} of the same schedule, unmeasured, on the same connections (the native
   * generator's {@code --warm-up}; the Java generator has none).
   */
  private interface FixedRate {
    LoadRunner.Stats run(
        List<String> images, int rate, int seconds, int connections, int warmUpSeconds)
        throws Exception;
  }

  private interface Phase {
    LoadRunner.Stats run() throws Exception;
  }

  /**
   * Runs a phase between two scrapes of the server's metrics, once the server is quiet after the
   * first; a full GC before the first scrape and before a third one makes the allocation count
   * (which the JVM updates at each GC) cover the phase (and the quiet wait before it, which
   * allocates next to nothing), while the phase's own GC pauses come from the first two scrapes.
   */
  private static Measured measure(ServerProcess server, Phase phase) throws Exception {
    server.gc();
    java.util.Map<String, Double> before = server.metrics();
    // Quiet after the harness's own requests: the GC (an attach through jcmd) and the scrape load
    // classes in the server and deoptimize code that depended on their absence; what the JIT
    // then recompiles belongs to the harness, not to the phase.
    double waited = server.awaitQuiet(SETTLE_SECONDS);
    System.err.printf("server quiet after %.1f s%n", waited);
    double cpuBefore = server.cpuMillis();
    LoadRunner.Stats stats = phase.run();
    double cpu = server.cpuMillis() - cpuBefore;
    java.util.Map<String, Double> after = server.metrics();
    server.gc();
    java.util.Map<String, Double> afterGc = server.metrics();
    ServerView view = ServerView.between(before, after);
    ServerView allocation = ServerView.between(before, afterGc);
    return new Measured(
        stats,
        new ServerView(
            view.reviews(),
            view.meanMs(),
            view.p50(),
            view.p99(),
            view.maxMs(),
            view.reviews() == 0
                ? 0
                : allocation.allocatedBytesPerReview() * allocation.reviews() / view.reviews(),
            view.gcPauses(),
            view.gcPauseMs(),
            view.reviews() == 0 ? 0 : cpu / view.reviews()));
  }

  /**
   * Runs the warm-up while the server's {@code /metrics} is scraped every second, with one full GC
   * through {@code jcmd} first. Served only between phases, the scrape (a large answer: other paths
   * of the TLS and HTTP code) and the attach deoptimised code right before each measured phase
   * (docs/benchmarks.md, session 9); a server in production is scraped all along.
   */
  private static void whileScraped(ServerProcess server, Phase warmUp) throws Exception {
    AtomicBoolean warming = new AtomicBoolean(true);
    Thread scraper =
        Thread.ofPlatform()
            .daemon()
            .name("warm-up-scraper")
            .start(
                () -> {
                  try {
                    server.gc();
                    while (warming.get()) {
                      server.metrics();
                      Thread.sleep(1000);
                    }
                  } catch (IOException e) {
                    System.err.println("warm-up scrape failed: " + e);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    try {
      warmUp.run();
    } finally {
      warming.set(false);
      scraper.join();
    }
  }

  private static List<String> pushAll(SignedImageFactory factory, int n) throws Exception {
    List<Future<String>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(pool.submit(() -> factory.pushSigned("load/app", "img-" + k, k)));
      }
      List<String> out = new ArrayList<>();
      for (Future<String> f : futures) {
        out.add(f.get());
      }
      return out;
    }
  }

  /** The last value given for {@code name} (bin/bench-webhook puts defaults first). */
  private static String stringArg(String[] args, String name, String dflt) {
    String value = dflt;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        value = args[i + 1];
      }
    }
    return value;
  }

  private static int intArg(String[] args, String name, int dflt) {
    return Integer.parseInt(stringArg(args, name, Integer.toString(dflt)));
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
