package dev.imagegate.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.Decision;
import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.engine.RuleResult;
import dev.imagegate.engine.RuleStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rate limit of the admission-time deprecation notice (the HTTPS path is covered by
 * KyvernoPoliciesServeTest): one line per policy and interval, counting the reviews in between.
 */
class DeprecationNoticesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private Instant now = Instant.parse("2026-12-05T12:00:00Z");

  @AfterEach
  void restore() {
    JsonLog.redirect(System.out);
  }

  private static final class Engine implements PolicyEngine {
    @Override
    public Decision evaluate(ResourceRequest request, AdmissionPhase phase, Instant deadline) {
      throw new AssertionError("not called");
    }

    @Override
    public boolean mayMatch(String apiGroup, String version, String kind) {
      return true;
    }

    @Override
    public String policyVersion() {
      return "v1";
    }

    @Override
    public Map<String, String> deprecatedPolicies() {
      return Map.of("legacy", "ClusterPolicy (kyverno.io) is deprecated ...");
    }
  }

  private static ReviewService.Reviewed decided(String version, RuleStatus... statuses) {
    List<RuleResult> results =
        java.util.Arrays.stream(statuses)
            .map(s -> new RuleResult("legacy", "r", s, true, "m", List.of()))
            .toList();
    return new ReviewService.Reviewed(
        new ReviewOutcome.Decided(
            new Decision(true, null, results, List.of(), List.of(), Map.of())),
        version);
  }

  private static AdmissionRequest request(String uid) {
    return new AdmissionRequest(
        uid, "", "v1", "Pod", "default", "web", "CREATE", null, null, false, null);
  }

  private List<JsonNode> notices() {
    JsonLog.flush(); // lines are written by the log's own thread
    return logs.toString(StandardCharsets.UTF_8)
        .lines()
        .map(
            l -> {
              try {
                return JSON.readTree(l);
              } catch (Exception e) {
                throw new AssertionError(l, e);
              }
            })
        .filter(n -> n.path("message").asText().equals("deprecated policy kind in use"))
        .toList();
  }

  @Test
  void oncePerPolicyAndIntervalWithTheReviewsInBetween() {
    JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    CurrentEngine engines = new CurrentEngine();
    engines.replace(new Engine());
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now;
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    DeprecationNotices notices = new DeprecationNotices(engines, clock);

    notices.reviewed("validate", request("a"), decided("v1", RuleStatus.FAIL));
    notices.reviewed("validate", request("b"), decided("v1", RuleStatus.PASS));
    // A policy that only skipped, or another engine's review, is not a use.
    notices.reviewed("validate", request("skip"), decided("v1", RuleStatus.SKIP));
    notices.reviewed("validate", request("old"), decided("v0", RuleStatus.PASS));
    now = now.plus(DeprecationNotices.INTERVAL).minus(Duration.ofSeconds(1));
    notices.reviewed("mutate", request("c"), decided("v1", RuleStatus.PASS));
    assertThat(notices()).extracting(n -> n.path("uid").asText()).containsExactly("a");

    now = now.plus(Duration.ofSeconds(1));
    notices.reviewed("mutate", request("d"), decided("v1", RuleStatus.PASS, RuleStatus.PASS));
    assertThat(notices()).extracting(n -> n.path("uid").asText()).containsExactly("a", "d");
    // b, c and d: three reviews used the policy since the first line.
    assertThat(notices().get(1).path("reviews").asLong()).isEqualTo(3);
    assertThat(notices().get(1).path("webhook").asText()).isEqualTo("mutate");
  }
}
