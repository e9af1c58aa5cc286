package dev.imagegate.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What to answer for one resource.
 *
 * @param allowed false when an Enforce rule failed (or errored with failurePolicy Fail)
 * @param denyMessage Kyverno-shaped message when denied ("resource Pod/default/x was blocked due to
 *     the following policies ..."), else null
 * @param results every rule evaluated
 * @param patches JSONPatch pinning verified images to digests and adding the verified-images
 *     annotation (mutate phase only; empty otherwise)
 * @param warnings admission warnings (Audit rules that failed)
 * @param timings time per phase for {@code --explain} and metrics (resolve, discover, fetch,
 *     crypto, tlog, total)
 */
public record Decision(
    boolean allowed,
    @Nullable String denyMessage,
    List<RuleResult> results,
    List<PatchOperation> patches,
    List<String> warnings,
    Map<String, Duration> timings) {
  public Decision {
    results = List.copyOf(results);
    patches = List.copyOf(patches);
    warnings = List.copyOf(warnings);
    timings = Map.copyOf(timings);
  }

  /** Nothing matched: allow at once. */
  public static Decision notApplicable() {
    return new Decision(true, null, List.of(), List.of(), List.of(), Map.of());
  }
}
