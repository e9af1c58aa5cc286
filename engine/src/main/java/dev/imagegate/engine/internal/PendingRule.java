package dev.imagegate.engine.internal;

import dev.imagegate.engine.AdmissionPhase;
import dev.imagegate.engine.ResourceRequest;
import dev.imagegate.engine.RuleResult;
import dev.imagegate.engine.RuleStatus;
import dev.imagegate.oci.Digest;
import dev.imagegate.policy.InvalidImage;
import dev.imagegate.policy.MatchedImage;
import dev.imagegate.policy.Policy;
import dev.imagegate.policy.RuleMatch;
import dev.imagegate.policy.VerifyImage;
import dev.imagegate.verify.PhaseTimings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One matched rule whose image verifications are under way; {@link #finish} waits for them (up to
 * the deadline) and folds them into a {@link RuleResult}, recording digest pins for verified
 * images.
 */
final class PendingRule {
  private final RuleMatch match;
  private final List<MatchedImage> images;
  private final List<CompletableFuture<ImageOutcome>> outcomes;
  private final ResourceRequest request;

  /** A non-passing image that the validating pass will not check again (not {@code required}). */
  private boolean failedOnlyHere;

  private PendingRule(
      RuleMatch match,
      List<MatchedImage> images,
      List<CompletableFuture<ImageOutcome>> outcomes,
      ResourceRequest request) {
    this.match = match;
    this.images = images;
    this.outcomes = outcomes;
    this.request = request;
  }

  static PendingRule start(
      RuleMatch match,
      ResourceRequest request,
      AdmissionPhase phase,
      PhaseTimings timings,
      RequestEvaluator evaluator,
      RegistryAccess access,
      Map<String, CompletableFuture<Digest>> digests) {
    List<MatchedImage> images = new ArrayList<>();
    List<CompletableFuture<ImageOutcome>> outcomes = new ArrayList<>();
    if (match instanceof RuleMatch.Applicable a) {
      for (MatchedImage image : a.images()) {
        // The validating webhook re-checks only what `required` demands; the mutate pass verified
        // the rest.
        if (phase == AdmissionPhase.VALIDATE && !image.verifyImage().required()) {
          continue;
        }
        images.add(image);
        outcomes.add(evaluator.verify(image, a, timings, access, digests));
      }
    }
    return new PendingRule(match, images, outcomes, request);
  }

  RuleResult finish(
      Instant deadline,
      AdmissionPhase phase,
      Map<String, String> pins,
      Map<String, String> verified) {
    Policy policy = match.policy();
    if (match instanceof RuleMatch.Unresolvable u) {
      boolean enforce = u.rule().verifyImages().stream().anyMatch(v -> enforces(v, policy));
      return new RuleResult(
          policy.qualifiedName(), u.ruleName(), RuleStatus.ERROR, enforce, u.message(), List.of());
    }
    RuleMatch.Applicable a = (RuleMatch.Applicable) match;
    List<RuleResult.ImageCheck> checks = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    boolean enforce = false;
    RuleStatus worst = RuleStatus.PASS;
    for (InvalidImage bad : a.invalidImages()) {
      RuleResult.ImageCheck c = RequestEvaluator.invalid(bad);
      checks.add(c);
      failures.add(c.message());
      worst = RuleStatus.ERROR;
      enforce = true;
    }
    for (int i = 0; i < images.size(); i++) {
      MatchedImage image = images.get(i);
      ImageOutcome o = RequestEvaluator.await(outcomes.get(i), image, deadline);
      boolean imageEnforce = enforces(image.verifyImage(), policy);
      o = digestRequirement(o, phase);
      if (o.status() == RuleStatus.PASS) {
        record(image, o.digest(), phase, pins, verified);
      } else {
        failedOnlyHere |= !image.verifyImage().required();
        enforce |= imageEnforce;
        failures.add(o.message());
        RuleStatus s = imageEnforce ? o.status() : RuleStatus.WARN;
        worst = worse(worst, s);
      }
      checks.add(RequestEvaluator.check(o));
    }
    if (images.isEmpty() && a.invalidImages().isEmpty()) {
      return new RuleResult(
          policy.qualifiedName(),
          a.ruleName(),
          RuleStatus.SKIP,
          false,
          "no images matched the rule's imageReferences",
          checks);
    }
    String message =
        worst == RuleStatus.PASS
            ? "verified " + images.size() + " image" + (images.size() == 1 ? "" : "s")
            : String.join("; ", failures);
    return new RuleResult(
        policy.qualifiedName(),
        a.ruleName(),
        worst,
        enforce || worst == RuleStatus.PASS && anyEnforce(a, policy),
        message,
        checks);
  }

  /**
   * Whether this rule's Audit failure is reported as an admission warning in {@code phase}: the
   * mutating and validating webhooks both see a failing image that is {@code required}, and the API
   * server shows the warnings of both, so such a failure is warned about by the validating pass
   * only (it sees the final object, with images other webhooks added). The mutating pass warns only
   * about images the validating pass skips. Call after {@link #finish}.
   */
  boolean warnsIn(AdmissionPhase phase) {
    return phase != AdmissionPhase.MUTATE || failedOnlyHere;
  }

  /**
   * {@code verifyDigest}: the image must carry a digest, unless this pass pins it ({@code
   * mutateDigest}).
   */
  private static ImageOutcome digestRequirement(ImageOutcome o, AdmissionPhase phase) {
    VerifyImage vi = o.image().verifyImage();
    boolean hasDigest = o.image().reference().digest() != null;
    boolean pinnedNow =
        phase != AdmissionPhase.VALIDATE && vi.mutateDigest() && o.status() == RuleStatus.PASS;
    if (o.status() == RuleStatus.PASS && vi.verifyDigest() && !hasDigest && !pinnedNow) {
      return ImageOutcome.fail(
          o.image(),
          o.digest(),
          "missing digest for "
              + o.image().imageRef()
              + " (verifyDigest requires IMAGE@sha256:...; enable mutateDigest or pin the image)");
    }
    return o;
  }

  private static void record(
      MatchedImage image,
      Digest digest,
      AdmissionPhase phase,
      Map<String, String> pins,
      Map<String, String> verified) {
    boolean hasDigest = image.reference().digest() != null;
    String pinned = hasDigest ? image.imageRef() : image.imageRef() + "@" + digest;
    if (phase != AdmissionPhase.VALIDATE && image.verifyImage().mutateDigest() && !hasDigest) {
      pins.put(image.jsonPointer(), pinned);
    }
    verified.put(pinned, "pass");
  }

  private boolean anyEnforce(RuleMatch.Applicable a, Policy policy) {
    return a.verifyImages().stream().anyMatch(v -> enforces(v, policy));
  }

  /**
   * The entry's failureAction, else the policy's for this namespace
   * (validationFailureActionOverrides).
   */
  private boolean enforces(VerifyImage vi, Policy policy) {
    return vi.effectiveFailureAction(policy, request.namespace(), request.namespaceLabels())
        == dev.imagegate.policy.FailureAction.ENFORCE;
  }

  private static RuleStatus worse(RuleStatus a, RuleStatus b) {
    return rank(b) > rank(a) ? b : a;
  }

  private static int rank(RuleStatus s) {
    return switch (s) {
      case PASS, SKIP -> 0;
      case WARN -> 1;
      case ERROR -> 2;
      case FAIL -> 3;
    };
  }
}
