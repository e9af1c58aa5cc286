package dev.imagegate.policy.internal;

import dev.imagegate.policy.Policy;
import dev.imagegate.policy.ResourceFilter;
import dev.imagegate.policy.Rule;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Kyverno's autogen: a rule that matches only Pods also applies to the pod templates of controllers
 * (Deployment, StatefulSet, DaemonSet, Job, ReplicaSet, ReplicationController, CronJob), limited by
 * the {@code pod-policies.kyverno.io/autogen-controllers} annotation. Kyverno skips autogen when
 * match or exclude filter on names, label selectors or annotations, since those describe the Pod,
 * not its controller.
 */
public final class Autogen {
  private Autogen() {}

  /**
   * The autogen rule name Kyverno reports ({@code autogen-NAME}, {@code autogen-cronjob-NAME}) when
   * {@code kind} is covered.
   */
  public static Optional<String> ruleName(Policy policy, Rule rule, String kind) {
    if (kind.equals("Pod") || !policy.autogenControllers().contains(kind) || !eligible(rule)) {
      return Optional.empty();
    }
    return Optional.of((kind.equals("CronJob") ? "autogen-cronjob-" : "autogen-") + rule.name());
  }

  public static boolean eligible(Rule rule) {
    if (rule.match().filters().isEmpty()) {
      return false;
    }
    boolean podOnly =
        rule.match().filters().stream()
            .allMatch(
                f ->
                    !f.kinds().isEmpty()
                        && f.kinds().stream()
                            .map(KindSelector::parse)
                            .allMatch(KindSelector::isPodOnly));
    boolean excludePodOrNone =
        rule.exclude().filters().stream()
            .allMatch(
                f -> f.kinds().stream().map(KindSelector::parse).allMatch(KindSelector::isPodOnly));
    return podOnly
        && excludePodOrNone
        && Stream.concat(rule.match().filters().stream(), rule.exclude().filters().stream())
            .noneMatch(Autogen::podSpecific);
  }

  private static boolean podSpecific(ResourceFilter f) {
    return !f.names().isEmpty() || f.selector() != null || !f.annotations().isEmpty();
  }
}
