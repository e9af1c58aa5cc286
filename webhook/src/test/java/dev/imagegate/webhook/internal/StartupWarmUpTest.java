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
