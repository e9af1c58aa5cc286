package dev.imagegate.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
            Duration.ofSeconds(2));

    assertThat(report.allowed()).isEqualTo(report.reviews()).isPositive();
    assertThat(report.fewestTagReads()).isPositive();
    assertThat(report.mostTagReads()).as(report.toString()).isGreaterThan(report.fewestTagReads());
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
