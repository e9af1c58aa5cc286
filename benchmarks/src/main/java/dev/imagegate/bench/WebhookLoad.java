package dev.imagegate.bench;

import dev.imagegate.cli.demo.AdmissionReviews;
import dev.imagegate.cli.demo.DemoTls;
import dev.imagegate.testkit.LocalRegistry;
import dev.imagegate.testkit.Peers;
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

/**
 * Load benchmark of {@code imagegate serve} on loopback over TLS with keep-alive
 * (bin/bench-webhook): warm path (one signed image, cached) at a fixed rate; cold path (every
 * review a new signed image in the local registry) at a fixed rate; maximum sustainable reviews/s
 * (closed loop); heap after N distinct images. The server runs as its own JVM process ({@code java
 * -Xmx512m -jar cli/target/imagegate.jar serve}); server, load generator and registry share this
 * 2-core machine, so numbers are pessimistic for the server.
 */
public final class WebhookLoad {
  public static void main(String[] args) throws Exception {
    int warmRate = intArg(args, "--warm-rate", 1000);
    int warmSeconds = intArg(args, "--warm-seconds", 10);
    int coldImages = intArg(args, "--cold-images", 500);
    int coldRate = intArg(args, "--cold-rate", 50);
    int heapImages = intArg(args, "--heap-images", 10_000);
    int connections = intArg(args, "--connections", 16);
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
      Files.writeString(policies.resolve("policy.yaml"), LoadPolicy.yaml(key.getPublic()));
      SignedImageFactory factory = new SignedImageFactory(registry.host(), key, "load/app");
      int total = 1 + coldImages + heapImages;
      System.err.printf("signing %d distinct images in %s ...%n", total, registry.host());
      List<String> images = pushAll(factory, total);
      DemoTls tls = DemoTls.create(work);
      int port = freePort();
      List<String> serveArgs =
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
              "--log-level",
              "error",
              "--max-concurrent-reviews",
              "512");
      Path jar =
          Path.of(System.getProperty("imagegate.home", ".")).resolve("cli/target/imagegate.jar");
      try (ServerProcess server =
          ServerProcess.start(
              jar,
              "512m",
              serverJvm,
              serveArgs,
              tls.clientContext(),
              port,
              work.resolve("serve.log"))) {
        AdmissionReviews client = new AdmissionReviews(tls.clientContext(), port);
        LoadRunner runner = new LoadRunner(client);
        runner.closedLoop(
            List.of(images.get(0)),
            connections,
            10); // JIT and connection warm-up, caches the warm image
        LoadRunner.Stats warm =
            runner.fixedRate(List.of(images.get(0)), warmRate, warmSeconds, connections);
        LoadRunner.Stats cold =
            runner.fixedRate(
                images.subList(1, 1 + coldImages), coldRate, coldImages / coldRate, connections);
        LoadRunner.Stats max = runner.closedLoop(List.of(images.get(0)), connections, 10);
        LoadRunner.Stats heap =
            runner.closedLoop(
                images.subList(1 + coldImages, total), connections, Integer.MAX_VALUE);
        long usedMb = server.heapUsedAfterGc() >> 20;
        System.out.println(
            "| path | rate offered | reviews | p50 | p99 | max | errors | achieved rate |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        System.out.println(
            warm.row(
                "warm (cached), fixed rate, " + connections + " connections", warmRate + "/s"));
        System.out.println(cold.row("cold (new signed image each), fixed rate", coldRate + "/s"));
        System.out.println(max.row("warm, closed loop, " + connections + " connections", "max"));
        System.out.println(heap.row(heapImages + " distinct images, closed loop", "max"));
        System.out.println();
        System.out.printf(
            "server heap in use after %d distinct images (after a full GC, -Xmx512m %s): %d MiB%n",
            heapImages, String.join(" ", serverJvm), usedMb);
      }
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

  private static String stringArg(String[] args, String name, String dflt) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return dflt;
  }

  private static int intArg(String[] args, String name, int dflt) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return dflt;
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
