package dev.imagegate.webhook.internal;

import dev.imagegate.engine.PolicyEngine;
import dev.imagegate.engine.RuleResult;
import dev.imagegate.engine.RuleStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kyverno v1.19's deprecation notice for the legacy {@code kyverno.io} kinds, logged at admission
 * time (issue 11): when a {@code ClusterPolicy} or {@code Policy} takes part in a review, one WARN
 * line {@code deprecated policy kind in use} names the policy, the review that used it and
 * Kyverno's text. Kyverno returns the notice as an admission warning to whoever creates such a
 * policy; here no one creates policies through the webhook, and the Pod author is not the one who
 * can migrate the policy, so the notice goes to the log only, never into the AdmissionReview's
 * {@code warnings}.
 *
 * <p>Rate-limited: at most one line per policy per {@link #INTERVAL} (the first review that uses a
 * policy always logs), each line counting the reviews since the previous one, so a busy cluster
 * does not log a line per Pod.
 */
public final class DeprecationNotices {
  /** How often one policy's notice is repeated while it keeps being used. */
  public static final Duration INTERVAL = Duration.ofHours(1);

  private static final JsonLog LOG = JsonLog.forClass(DeprecationNotices.class);

  /** Where imagegate's replacement is described (the Kyverno text points to Kyverno's guide). */
  static final String IMAGEGATE_SUPPORT =
      "imagegate reads ImageValidatingPolicy and NamespacedImageValidatingPolicy"
          + " (policies.kyverno.io) from the same sources; see docs/ivpol.md";

  private final CurrentEngine engines;
  private final Clock clock;
  private final Map<String, Uses> uses = new ConcurrentHashMap<>();

  public DeprecationNotices(CurrentEngine engines, Clock clock) {
    this.engines = engines;
    this.clock = clock;
  }

  private static final class Uses {
    private Instant logged = Instant.MIN;
    private long since;
  }

  /** Logs the notice for each deprecated policy that decided part of this review, if due. */
  public void reviewed(String webhook, AdmissionRequest request, ReviewService.Reviewed reviewed) {
    if (!(reviewed.outcome() instanceof ReviewOutcome.Decided decided)
        || decided.decision().results().isEmpty()) {
      return;
    }
    Optional<PolicyEngine> engine = engines.get();
    // The notices of the engine that served the review (a reload in between skips this once).
    if (engine.isEmpty() || !engine.get().policyVersion().equals(reviewed.policyVersion())) {
      return;
    }
    Map<String, String> deprecated = engine.get().deprecatedPolicies();
    Set<String> used = new LinkedHashSet<>();
    for (RuleResult r : decided.decision().results()) {
      if (r.status() != RuleStatus.SKIP && deprecated.containsKey(r.policy())) {
        used.add(r.policy());
      }
    }
    Instant now = clock.instant();
    for (String policy : used) {
      long reviews = due(policy, now);
      if (reviews > 0) {
        LOG.warn(
            "deprecated policy kind in use",
            request.logFields(
                webhook,
                "policy",
                policy,
                "reviews",
                reviews,
                "warning",
                deprecated.get(policy),
                "imagegate",
                IMAGEGATE_SUPPORT));
      }
    }
  }

  /** The reviews to report now (this one included), or 0 when the policy was logged recently. */
  private long due(String policy, Instant now) {
    Uses u = uses.computeIfAbsent(policy, p -> new Uses());
    synchronized (u) {
      u.since++;
      if (u.logged.plus(INTERVAL).isAfter(now)) {
        return 0;
      }
      long reviews = u.since;
      u.since = 0;
      u.logged = now;
      return reviews;
    }
  }
}
