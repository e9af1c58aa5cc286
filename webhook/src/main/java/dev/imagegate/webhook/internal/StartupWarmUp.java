package dev.imagegate.webhook.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.ivpol.ResourceLookup;
import dev.imagegate.webhook.EngineFactory;
import dev.imagegate.webhook.EngineSettings;
import dev.imagegate.webhook.PullSecretResolver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs the verification path before the webhook reports ready. A new JVM interprets the code of a
 * cold review (registry client, cosign verification, the policy engines, CEL) until the JIT has
 * compiled it: on the 2-core benchmark machine the first ~10 seconds of cold reviews at 50/s took
 * 10 to 50 times their steady latency (docs/benchmarks.md). The warm-up verifies images signed in
 * memory with a key made for the run, served by a loopback registry of its own ({@link
 * WarmUpRegistry}), through an engine built by the server's own {@link EngineFactory} from a legacy
 * ClusterPolicy and an ImageValidatingPolicy, each image once uncached and once from the cache. It
 * touches neither the serving engine nor its caches, and its registry is reachable by this engine
 * only (the serving engine's insecure registries are not widened). Then, given the serving server's
 * options, it sends reviews of those images over HTTPS to a loopback twin of the serving server
 * ({@link HttpsWarmUp}), so the TLS and HTTP server code is compiled with the connection life of a
 * cluster in its profile too.
 */
public final class StartupWarmUp {
  private static final JsonLog LOG = JsonLog.forClass(StartupWarmUp.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PARALLEL = 4;

  /**
   * The warm-up engine's tag lifetime: short, so that each worker's re-reads of its first image
   * cross the refresh point (three quarters of it) many times. Without it the refresh branch of the
   * tag caches first ran ~22 s into serving, and the JIT threw away the compiled review path that
   * had never seen it (uncommon traps in {@code BoundedLocalCache.refreshIfNeeded}, then {@code
   * PendingRule.finish} and the rest recompiled on the serving core: docs/benchmarks.md, session
   * 9).
   */
  private static final Duration TAG_CACHE_TTL = Duration.ofSeconds(1);

  /** Reviews over HTTPS per verification of the first part. */
  static final int HTTPS_REVIEWS_PER_REVIEW = 1;

  /**
   * Batches through the log writer's loop ({@link LineWriter#warmUp}): above the 5,000 calls after
   * which HotSpot's tiered policy hands a method to C2 ({@code Tier4InvocationThreshold}).
   */
  static final int LOG_WRITER_BATCHES = 6_000;

  /**
   * What the warm-up did: verifications run, how many were allowed, how long it took, the fewest
   * and most manifest reads its registry served for one image tag (the most: a worker's steady
   * image, resolved again by the background refreshes; 0 when no image was added), and the reviews
   * answered over HTTPS, how many allowed, on how many connections, and the batches run through the
   * log writer's loop (0 without server options).
   */
  public record Report(
      int reviews,
      int allowed,
      Duration took,
      int fewestTagReads,
      int mostTagReads,
      int httpsReviews,
      int httpsAllowed,
      int httpsConnections,
      int logWriterBatches) {}

  private StartupWarmUp() {}

  /**
   * Runs up to {@code reviews} verifications, then, with {@code server} (the serving server's
   * options: its certificate and limits), up to {@link #HTTPS_REVIEWS_PER_REVIEW} times as many
   * reviews over HTTPS (the verifications stop at four fifths of the budget, leaving the rest to
   * them), before those {@link #LOG_WRITER_BATCHES} batches through the log writer's loop; stops
   * early after {@code budget}. A failure (a factory that cannot build the warm-up policies, an
   * engine error, a certificate the client cannot use) is logged and ends the warm-up: it only
   * makes the first reviews slower, never changes a verdict.
   */
  public static Report run(
      EngineFactory factory,
      Path workDirectory,
      int reviews,
      Duration budget,
      Clock clock,
      @Nullable WebhookOptions server) {
    return run(factory, workDirectory, reviews, budget, clock, TAG_CACHE_TTL, server);
  }

  /** As {@link #run(EngineFactory, Path, int, Duration, Clock, WebhookOptions)} without HTTPS. */
  public static Report run(
      EngineFactory factory, Path workDirectory, int reviews, Duration budget, Clock clock) {
    return run(factory, workDirectory, reviews, budget, clock, TAG_CACHE_TTL, null);
  }

  /**
   * As {@link #run(EngineFactory, Path, int, Duration, Clock, WebhookOptions)} with the warm-up
   * engine's tag lifetime.
   */
  static Report run(
      EngineFactory factory,
      Path workDirectory,
      int reviews,
      Duration budget,
      Clock clock,
      Duration tagCacheTtl,
      @Nullable WebhookOptions server) {
    Instant start = clock.instant();
    Instant stop = start.plus(budget);
    // With the HTTPS part to come, the first stops at four fifths of the budget: its last
    // verifications repeat compiled code, while the HTTPS part is the only run of the server's.
    Instant verificationsStop =
        server == null ? stop : start.plus(budget.multipliedBy(4).dividedBy(5));
    AtomicInteger done = new AtomicInteger();
    AtomicInteger allowed = new AtomicInteger();
    IntSummaryStatistics tagReads = new IntSummaryStatistics();
    List<WarmUpRegistry.SignedImage> steadyImages = new CopyOnWriteArrayList<>();
    HttpsWarmUp.Report https = new HttpsWarmUp.Report(0, 0, 0);
    int logWriterBatches = 0;
    try (WarmUpRegistry registry = WarmUpRegistry.start()) {
      EngineSettings settings =
          new EngineSettings(
              List.of(registry.host()),
              null,
              PullSecretResolver.none(),
              Duration.ofSeconds(10),
              workDirectory.resolve("warm-up"),
              ResourceLookup.none(),
              tagCacheTtl);
      try (PolicyEngine engine = factory.create(registry.policies(), settings);
          ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < PARALLEL; w++) {
          workers.add(
              pool.submit(
                  () -> {
                    Steady steady = null;
                    for (int i = next.getAndIncrement();
                        i < reviews && clock.instant().isBefore(verificationsStop);
                        i = next.getAndIncrement()) {
                      // Signed here, one image per review, so the budget bounds the signing too.
                      WarmUpRegistry.SignedImage image = registry.addSignedImage(i);
                      ResourceRequest request =
                          ResourceRequest.create(pod(image.reference()), "default");
                      Instant deadline = clock.instant().plusSeconds(10);
                      Decision first = engine.evaluate(request, AdmissionPhase.MUTATE, deadline);
                      engine.evaluateFromCache(request, AdmissionPhase.VALIDATE, deadline);
                      // The worker's first image again, from the cache, as in steady use: the
                      // validating webhook's review (the image pinned to its digest, as the
                      // mutation left it; in full once, since the ImageValidatingPolicy engine
                      // verifies in the validating pass only) and the mutating webhook's twice.
                      // With the short tag lifetime one tag read in a few starts a background
                      // refresh and the next, right after it, finds that refresh still running.
                      if (steady == null) {
                        steady =
                            new Steady(
                                request, ResourceRequest.create(pod(image.pinned()), "default"));
                        steadyImages.add(image);
                        engine.evaluate(steady.validating(), AdmissionPhase.VALIDATE, deadline);
                      }
                      engine.evaluateFromCache(
                          steady.validating(), AdmissionPhase.VALIDATE, deadline);
                      engine.evaluateFromCache(steady.mutating(), AdmissionPhase.MUTATE, deadline);
                      engine.evaluateFromCache(steady.mutating(), AdmissionPhase.MUTATE, deadline);
                      done.incrementAndGet();
                      if (first.allowed()) {
                        allowed.incrementAndGet();
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> worker : workers) {
          worker.get();
        }
        if (server != null) {
          // Before the HTTPS part, which a certificate its client cannot use ends with the rest.
          logWriterBatches = LineWriter.warmUp(LOG_WRITER_BATCHES, stop, clock);
          if (!steadyImages.isEmpty()) {
            https =
                HttpsWarmUp.run(
                    server, engine, steadyImages, reviews * HTTPS_REVIEWS_PER_REVIEW, stop, clock);
          }
        }
      } finally {
        tagReads = registry.tagReads();
      }
    } catch (Exception e) {
      LOG.warn("warm-up stopped early", "reason", e.toString(), "reviews", done.get());
    }
    Report report =
        new Report(
            done.get(),
            allowed.get(),
            Duration.between(start, clock.instant()),
            tagReads.getCount() == 0 ? 0 : tagReads.getMin(),
            tagReads.getCount() == 0 ? 0 : tagReads.getMax(),
            https.reviews(),
            https.allowed(),
            https.connections(),
            logWriterBatches);
    LOG.info(
        "warm-up finished",
        "reviews",
        report.reviews(),
        "allowed",
        report.allowed(),
        "duration_ms",
        report.took().toMillis(),
        "tag_reads_min",
        report.fewestTagReads(),
        "tag_reads_max",
        report.mostTagReads(),
        "https_reviews",
        report.httpsReviews(),
        "https_allowed",
        report.httpsAllowed(),
        "https_connections",
        report.httpsConnections(),
        "log_writer_batches",
        report.logWriterBatches());
    return report;
  }

  /** A worker's first image as the mutating and the validating webhook see it. */
  private record Steady(ResourceRequest mutating, ResourceRequest validating) {}

  /** The warm-up's Pod: one container running {@code image}. */
  static ObjectNode pod(String image) {
    ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    pod.putObject("metadata").put("name", "imagegate-warm-up").put("namespace", "default");
    pod.putObject("spec").putArray("containers").addObject().put("name", "c").put("image", image);
    return pod;
  }
}
