package dev.imagegate.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagegate.testkit.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up warm-up runs the real verification path: images signed in memory, served by its own
 * loopback registry, verified by the production engine factory's legacy and ImageValidatingPolicy
 * engines.
 */
class StartupWarmUpTest {
  @TempDir Path dir;

  @Test
  void everyWarmUpImageVerifiesThroughTheProductionEngines() {
    StartupWarmUp.Report report =
        StartupWarmUp.run(
            EngineFactories.real(), dir, 12, Duration.ofMinutes(5), Clock.systemUTC());

    // Allowed means both policies verified the in-memory signature: the warm-up exercised the
    // verification path, not a denial shortcut.
    assertThat(report.reviews()).isEqualTo(12);
    assertThat(report.allowed()).isEqualTo(12);
  }

  @Test
  void eachWorkersFirstImageIsResolvedAgainByTheTagCachesBackgroundRefresh() {
    // 100,000 reviews cannot finish in 6 s: the budget ends the warm-up, so each worker re-reads
    // its first image from the cache for seconds, past the refresh point of a 2 s tag lifetime
    // (1.5 s; the server's warm-up uses 1 s, but a review of this cold test JVM can take ~0.5 s
    // and a tag not read for a whole lifetime expires instead). Without those reads every tag is
    // read as often as any other; with them a refresh reads a worker's first tag again.
    StartupWarmUp.Report report =
        StartupWarmUp.run(
            EngineFactories.real(),
            dir,
            100_000,
            Duration.ofSeconds(6),
            Clock.systemUTC(),
            Duration.ofSeconds(2),
            null);

    assertThat(report.allowed()).isEqualTo(report.reviews()).isPositive();
    assertThat(report.fewestTagReads()).isPositive();
    assertThat(report.mostTagReads()).as(report.toString()).isGreaterThan(report.fewestTagReads());
  }

  @Test
  void withTheServersOptionsReviewsGoOverHttpsThroughTheServersOwnCodeAndAreNotLogged()
      throws Exception {
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try {
      StartupWarmUp.Report report =
          StartupWarmUp.run(
              EngineFactories.real(),
              dir,
              12,
              Duration.ofMinutes(5),
              Clock.systemUTC(),
              serverOptions("EC"));
      JsonLog.flush();

      // Allowed over HTTPS: the loopback server ran the admission handler with the warm-up's
      // engine, and the client trusted the serving certificate.
      assertThat(report.httpsReviews()).isEqualTo(12 * StartupWarmUp.HTTPS_REVIEWS_PER_REVIEW);
      assertThat(report.httpsAllowed()).isEqualTo(report.httpsReviews());
      // 12 reviews on connections of 1, 5, 20 and 50 requests in turn: handshakes and the three
      // endings (connections 0, 1 and 2: close_notify, reset, end of stream) happened.
      assertThat(report.httpsConnections()).isGreaterThanOrEqualTo(3);
      assertThat(
              IntStream.range(0, report.httpsConnections())
                  .mapToObj(HttpsWarmUp.Ending::of)
                  .distinct())
          .containsExactlyInAnyOrder(HttpsWarmUp.Ending.values());
      // Then the log writer's loop, on a writer of its own: nothing of it is in the log.
      assertThat(report.logWriterBatches()).isEqualTo(StartupWarmUp.LOG_WRITER_BATCHES);
      String log = logs.toString(StandardCharsets.UTF_8);
      assertThat(log)
          .contains("\"https_reviews\":12")
          .contains("\"log_writer_batches\":" + StartupWarmUp.LOG_WRITER_BATCHES)
          .doesNotContain("admission review")
          .doesNotContain("warm-up\",\"line");
    } finally {
      JsonLog.redirect(System.out);
    }
  }

  @Test
  void verificationsThatCannotFinishInTheBudgetLeaveTheLastFifthToHttps() throws Exception {
    // 100,000 verifications cannot finish in 10 s: they stop at 8 s, and the HTTPS part has the
    // last 2 s (without the split it would get none).
    StartupWarmUp.Report report =
        StartupWarmUp.run(
            EngineFactories.real(),
            dir,
            100_000,
            Duration.ofSeconds(10),
            Clock.systemUTC(),
            serverOptions("EC"));

    assertThat(report.reviews()).isLessThan(100_000);
    assertThat(report.httpsAllowed()).as(report.toString()).isPositive();
  }

  @Test
  void aServerThatRefusesBodiesOver16KbGetsNoReviewThatLarge() throws Exception {
    WebhookOptions o = serverOptions("EC");
    WebhookOptions small =
        new WebhookOptions(
            o.bindAddress(),
            o.port(),
            o.tlsCert(),
            o.tlsKey(),
            o.tlsReloadInterval(),
            o.reviewDeadline(),
            o.failurePolicy(),
            o.maxConcurrentReviews(),
            16 * 1024,
            o.maxJsonDepth(),
            o.debugEndpoints());

    StartupWarmUp.Report report =
        StartupWarmUp.run(
            EngineFactories.real(), dir, 12, Duration.ofMinutes(5), Clock.systemUTC(), small);

    // A refused review would have ended its connection and the HTTPS part with it.
    assertThat(report.httpsAllowed()).isEqualTo(12);
  }

  @Test
  void anRsaServingCertificateWarmsUpOverHttpsToo() throws Exception {
    StartupWarmUp.Report report =
        StartupWarmUp.run(
            EngineFactories.real(),
            dir,
            4,
            Duration.ofMinutes(5),
            Clock.systemUTC(),
            serverOptions("RSA"));

    assertThat(report.httpsAllowed()).isEqualTo(4);
  }

  @Test
  void aServingCertificateTheWarmUpCannotReadEndsOnlyItsHttpsPart() throws Exception {
    WebhookOptions missing =
        WebhookOptions.defaults(dir.resolve("absent.crt"), dir.resolve("absent.key"));

    StartupWarmUp.Report report =
        StartupWarmUp.run(
            EngineFactories.real(), dir, 4, Duration.ofMinutes(5), Clock.systemUTC(), missing);

    assertThat(report.allowed()).isEqualTo(4);
    assertThat(report.httpsReviews()).isZero();
    // The log writer's loop ran before the HTTPS part failed.
    assertThat(report.logWriterBatches()).isEqualTo(StartupWarmUp.LOG_WRITER_BATCHES);
  }

  private WebhookOptions serverOptions(String algorithm) throws Exception {
    Path cert = dir.resolve(algorithm + ".crt");
    Path key = dir.resolve(algorithm + ".key");
    TestCertificates.write(
        TestCertificates.issue("imagegate-test", algorithm),
        cert,
        key,
        TestCertificates.KeyFormat.PKCS8);
    return WebhookOptions.defaults(cert, key);
  }

  @Test
  void aFactoryThatCannotBuildTheWarmUpPoliciesEndsTheWarmUpWithoutThrowing() {
    StartupWarmUp.Report report =
        StartupWarmUp.run(
            (policies, settings) -> {
              throw new IllegalArgumentException("no engine here");
            },
            dir,
            12,
            Duration.ofMinutes(5),
            Clock.systemUTC());

    assertThat(report.reviews()).isZero();
  }

  @Test
  void aSpentBudgetStopsTheWarmUpBeforeItsFirstReview() {
    StartupWarmUp.Report report =
        StartupWarmUp.run(EngineFactories.real(), dir, 12, Duration.ZERO, Clock.systemUTC());

    assertThat(report.reviews()).isZero();
  }
}
